package io.scopecloud.query;

import io.scopecloud.common.kafka.KafkaFactory;

/** What a service's configuration must offer for the {@link QueryBundle}. */
public interface QuerySettings {
    KafkaFactory getKafka();

    QueryFactory getQuery();
}
