package io.scopecloud.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.tenancy.TenancyConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The ingest service run on its own (production): an external PostgreSQL and Kafka. */
public class IngestConfiguration extends TenancyConfiguration implements IngestSettings {
    @Valid
    @NotNull
    @JsonProperty
    private KafkaFactory kafka = new KafkaFactory();

    @Valid
    @NotNull
    @JsonProperty
    private IngestFactory ingest = new IngestFactory();

    @Override
    public KafkaFactory getKafka() {
        return kafka;
    }

    @Override
    public IngestFactory getIngest() {
        return ingest;
    }
}
