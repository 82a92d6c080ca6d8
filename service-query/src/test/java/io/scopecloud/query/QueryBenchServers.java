package io.scopecloud.query;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.ingest.IngestApplication;
import io.scopecloud.ingest.IngestConfiguration;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Not a test: starts the real ingest and query services on the test infrastructure's PostgreSQL
 * and Kafka, with an org and a probe token, and writes them to a properties file for bench's
 * {@code io.scopecloud.bench.query.QueryFreshnessBench}. Query runs with its production timings
 * (15 s window, 250 ms merge and push intervals). Runs until killed.
 */
public final class QueryBenchServers {
    private QueryBenchServers() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "query-bench.properties");
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        String topic = infra.newTopicName("reports");

        DropwizardTestSupport<QueryConfiguration> query = new DropwizardTestSupport<>(
                QueryApplication.class,
                ResourceHelpers.resourceFilePath("query-it.yml"),
                "dwquery",
                overrides(
                        "dwquery",
                        db,
                        infra,
                        topic,
                        ConfigOverride.config("dwquery", "query.consumerGroup", infra.newTopicName("query")),
                        ConfigOverride.config("dwquery", "query.mergeInterval", "250ms"),
                        ConfigOverride.config("dwquery", "query.minPushInterval", "250ms")));
        query.before();
        DropwizardTestSupport<IngestConfiguration> ingest = new DropwizardTestSupport<>(
                IngestApplication.class,
                ResourceHelpers.resourceFilePath("ingest-bench.yml"),
                "dwingest",
                overrides("dwingest", db, infra, topic));
        ingest.before();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ingest.after();
            query.after();
        }));

        Tenancy tenancy =
                new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
        Org org = tenancy.orgs().create("Freshness bench");
        String token = tenancy.probeTokens().issue(org.id(), "bench", null).secret();
        Files.writeString(
                out,
                "ingest=http://localhost:" + ingest.getLocalPort() + "\n" + "query=http://localhost:"
                        + query.getLocalPort() + "\n" + "org=" + org.externalId() + "\n" + "token=" + token + "\n");
        System.out.println("Ingest and query ready; wrote " + out.toAbsolutePath());
        Thread.currentThread().join();
    }

    /** Overrides under a prefix of their own: both apps read system properties in one JVM. */
    private static ConfigOverride[] overrides(
            String prefix, TestDatabase db, TestInfrastructure infra, String topic, ConfigOverride... more) {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config(prefix, "database.driverClass", "org.postgresql.Driver"),
                ConfigOverride.config(prefix, "database.url", db.jdbcUrl()),
                ConfigOverride.config(prefix, "database.user", db.user()),
                ConfigOverride.config(prefix, "database.password", db.password()),
                ConfigOverride.config(prefix, "kafka.bootstrapServers", infra.bootstrapServers()),
                ConfigOverride.config(prefix, "kafka.reportsTopic", topic),
                ConfigOverride.config(prefix, "kafka.reportsPartitions", "4")));
        all.addAll(List.of(more));
        return all.toArray(ConfigOverride[]::new);
    }
}
