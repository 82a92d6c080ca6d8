package io.scopecloud.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.tenancy.TenancyConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The query service run on its own (production): an external PostgreSQL and Kafka. */
public class QueryConfiguration extends TenancyConfiguration implements QuerySettings {
    @Valid
    @NotNull
    @JsonProperty
    private KafkaFactory kafka = new KafkaFactory();

    @Valid
    @NotNull
    @JsonProperty
    private QueryFactory query = new QueryFactory();

    @Override
    public KafkaFactory getKafka() {
        return kafka;
    }

    @Override
    public QueryFactory getQuery() {
        return query;
    }
}
