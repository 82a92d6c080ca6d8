package io.scopecloud.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.tenancy.TenancyFactory;
import io.scopecloud.tenancy.TenancySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The query service run on its own (production): an external PostgreSQL and Kafka. */
public class QueryConfiguration extends Configuration implements TenancySettings, QuerySettings {
    @Valid
    @NotNull
    @JsonProperty
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty
    private TenancyFactory tenancy = new TenancyFactory();

    @Valid
    @NotNull
    @JsonProperty
    private KafkaFactory kafka = new KafkaFactory();

    @Valid
    @NotNull
    @JsonProperty
    private QueryFactory query = new QueryFactory();

    @Override
    public DataSourceFactory getDatabase() {
        return database;
    }

    @Override
    public TenancyFactory getTenancy() {
        return tenancy;
    }

    @Override
    public KafkaFactory getKafka() {
        return kafka;
    }

    @Override
    public QueryFactory getQuery() {
        return query;
    }
}
