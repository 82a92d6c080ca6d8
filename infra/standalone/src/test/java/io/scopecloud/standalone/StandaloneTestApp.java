package io.scopecloud.standalone;

import static java.util.Objects.requireNonNull;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The standalone service for one test, started through {@link DropwizardTestSupport} from
 * {@code standalone-it.yml}: by default on {@link TestInfrastructure#shared()} with a brand-new
 * database and fresh topic and consumer-group names, so tests never see each other's data.
 *
 * <pre>{@code
 * StandaloneTestApp app = StandaloneTestApp.builder().partitions(3).set("tenancy.tokenCacheTtl", "1s").start();
 * }</pre>
 */
final class StandaloneTestApp implements AutoCloseable {
    private final DropwizardTestSupport<StandaloneConfiguration> support;

    private StandaloneTestApp(DropwizardTestSupport<StandaloneConfiguration> support) {
        this.support = requireNonNull(support, "support is null");
    }

    static Builder builder() {
        return new Builder();
    }

    int port() {
        return support.getLocalPort();
    }

    /** The admin connector's port (metrics, health, tasks), on 127.0.0.1. */
    int adminPort() {
        return support.getAdminPort();
    }

    /** {@code http://localhost:<port>}. */
    URI baseUri() {
        return URI.create("http://localhost:" + port());
    }

    ServiceClient client() {
        return new ServiceClient(port());
    }

    /** Tenancy on the app's own database, for set-up the portal API does not offer. */
    Tenancy tenancy() {
        DataSourceFactory db = support.getConfiguration().getDatabase();
        return new Tenancy(Jdbi.create(db.getUrl(), db.getUser(), db.getPassword()), Clock.systemUTC(), Duration.ZERO);
    }

    /**
     * Stops the app once it has finished the requests in flight. A client can hold a whole answer
     * while the server is still completing the request (an async answer is flushed before its
     * stream is closed); Jetty's graceful stop would cut that connection, leave the request
     * unfinished and wait out the whole grace period for it.
     */
    @Override
    public void close() {
        awaitNoActiveRequests(Duration.ofSeconds(10));
        support.after();
    }

    private void awaitNoActiveRequests(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        var metrics = support.getEnvironment().metrics();
        while (System.nanoTime() < deadline
                && metrics.getCounters((name, metric) -> name.endsWith(".active-requests")).values().stream()
                        .anyMatch(c -> c.getCount() > 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static final class Builder {
        private @Nullable TestDatabase database;
        private @Nullable String bootstrapServers;
        private @Nullable String reportsTopic;
        private @Nullable Path embeddedDataDir;
        private int partitions = 1;
        private final List<ConfigOverride> overrides = new ArrayList<>();

        private Builder() {}

        /** This database instead of a fresh one (a restart on the same data). */
        Builder database(TestDatabase db) {
            this.database = requireNonNull(db, "db is null");
            return this;
        }

        /** This Kafka instead of the shared one. */
        Builder kafka(String bootstrap) {
            this.bootstrapServers = requireNonNull(bootstrap, "bootstrap is null");
            return this;
        }

        /** This reports topic instead of a fresh one (a restart that re-reads the same topic). */
        Builder reportsTopic(String topic) {
            this.reportsTopic = requireNonNull(topic, "topic is null");
            return this;
        }

        /** The install's own embedded PostgreSQL and Kafka in {@code dataDir}, not the shared ones. */
        Builder embedded(Path dataDir) {
            this.embeddedDataDir = requireNonNull(dataDir, "dataDir is null");
            return this;
        }

        Builder partitions(int count) {
            this.partitions = count;
            return this;
        }

        /**
         * The ingest's production limits (standalone-it.yml has small ones to test them): a real
         * probe on a busy test machine (thousands of sockets) sends reports of several MiB.
         */
        Builder realProbeLimits() {
            set("ingest.maxBodySize", "10MiB");
            return set("ingest.maxDecompressedSize", "100MiB");
        }

        /** Any other configuration key, e.g. {@code set("control.callTimeout", "5s")}. */
        Builder set(String key, String value) {
            overrides.add(ConfigOverride.config(key, value));
            return this;
        }

        StandaloneTestApp start() throws Exception {
            List<ConfigOverride> all = new ArrayList<>();
            if (embeddedDataDir != null) {
                all.add(ConfigOverride.config("embedded.postgres", "true"));
                all.add(ConfigOverride.config("embedded.kafka", "true"));
                all.add(ConfigOverride.config("embedded.dataDir", embeddedDataDir.toString()));
            } else {
                TestInfrastructure infra = TestInfrastructure.shared();
                TestDatabase db = database != null ? database : infra.newDatabase();
                all.add(ConfigOverride.config("database.url", db.jdbcUrl()));
                all.add(ConfigOverride.config("database.user", db.user()));
                all.add(ConfigOverride.config("database.password", db.password()));
                all.add(ConfigOverride.config(
                        "kafka.bootstrapServers",
                        bootstrapServers != null ? bootstrapServers : infra.bootstrapServers()));
                all.add(ConfigOverride.config(
                        "kafka.reportsTopic", reportsTopic != null ? reportsTopic : infra.newTopicName("reports")));
                all.add(ConfigOverride.config("query.consumerGroup", infra.newTopicName("query")));
            }
            all.add(ConfigOverride.config("kafka.reportsPartitions", Integer.toString(partitions)));
            all.addAll(overrides);
            DropwizardTestSupport<StandaloneConfiguration> support = new DropwizardTestSupport<>(
                    StandaloneApplication.class,
                    ResourceHelpers.resourceFilePath("standalone-it.yml"),
                    all.toArray(ConfigOverride[]::new));
            try {
                support.before();
            } catch (Exception | Error e) {
                support.after();
                throw e;
            }
            return new StandaloneTestApp(support);
        }
    }
}
