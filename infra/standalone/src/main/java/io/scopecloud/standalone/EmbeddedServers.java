package io.scopecloud.standalone;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.scopecloud.infra.embedded.EmbeddedKafka;
import io.scopecloud.infra.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL and Kafka servers of a standalone install, started together under the data
 * directory and pointed at by the configuration before any service bundle runs.
 */
final class EmbeddedServers implements Managed {
    static final String DATABASE = "scope";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServers.class);

    private final @Nullable EmbeddedPostgres postgres;
    private final @Nullable EmbeddedKafka kafka;

    private EmbeddedServers(@Nullable EmbeddedPostgres postgres, @Nullable EmbeddedKafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts what the configuration asks for, in parallel, and rewires the configuration to it. */
    static EmbeddedServers start(StandaloneConfiguration config) {
        requireNonNull(config, "config is null");
        EmbeddedFactory embedded = config.getEmbedded();
        long started = System.nanoTime();
        CompletableFuture<EmbeddedPostgres> pg = embedded.isPostgres()
                ? CompletableFuture.supplyAsync(() -> startPostgres(embedded))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<EmbeddedKafka> kafka = embedded.isKafka()
                ? CompletableFuture.supplyAsync(() -> startKafka(embedded))
                : CompletableFuture.completedFuture(null);
        EmbeddedServers servers = new EmbeddedServers(pg.join(), kafka.join());
        if (servers.postgres != null) {
            servers.postgres.createDatabase(DATABASE);
            config.getDatabase().setUrl(servers.postgres.jdbcUrl(DATABASE));
            config.getDatabase().setUser(servers.postgres.user());
            config.getDatabase().setPassword(servers.postgres.password());
        }
        if (servers.kafka != null) {
            config.getKafka().setBootstrapServers(servers.kafka.bootstrapServers());
        }
        LOG.info(
                "Embedded servers up in {} ms (data in {})",
                (System.nanoTime() - started) / 1_000_000,
                embedded.getDataDir().toAbsolutePath());
        return servers;
    }

    private static EmbeddedPostgres startPostgres(EmbeddedFactory embedded) {
        try {
            return EmbeddedPostgres.start(embedded.postgresDir(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL in " + embedded.postgresDir(), e);
        }
    }

    private static EmbeddedKafka startKafka(EmbeddedFactory embedded) {
        try {
            return EmbeddedKafka.start(embedded.kafkaDir(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka in " + embedded.kafkaDir(), e);
        }
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
