package io.scopecloud.ingest;

import io.scopecloud.common.kafka.KafkaFactory;

/** What a service's configuration must offer for the {@link IngestBundle}. */
public interface IngestSettings {
    KafkaFactory getKafka();

    IngestFactory getIngest();
}
