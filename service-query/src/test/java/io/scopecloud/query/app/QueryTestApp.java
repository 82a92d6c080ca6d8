package io.scopecloud.query.app;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.query.QueryApplication;
import io.scopecloud.query.QueryConfiguration;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;

/** A query service on the shared test PostgreSQL and Kafka, reading {@code topic}; not started. */
final class QueryTestApp {
    private QueryTestApp() {}

    static DropwizardTestSupport<QueryConfiguration> create(
            TestDatabase db,
            TestInfrastructure infra,
            String topic,
            int partitions,
            String consumerGroup,
            ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("database.driverClass", "org.postgresql.Driver"),
                ConfigOverride.config("database.url", db.jdbcUrl()),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config("database.password", db.password()),
                ConfigOverride.config("kafka.bootstrapServers", infra.bootstrapServers()),
                ConfigOverride.config("kafka.reportsTopic", topic),
                ConfigOverride.config("kafka.reportsPartitions", Integer.toString(partitions)),
                ConfigOverride.config("query.consumerGroup", consumerGroup)));
        overrides.addAll(List.of(extra));
        return new DropwizardTestSupport<>(
                QueryApplication.class,
                ResourceHelpers.resourceFilePath("query-it.yml"),
                overrides.toArray(ConfigOverride[]::new));
    }
}
