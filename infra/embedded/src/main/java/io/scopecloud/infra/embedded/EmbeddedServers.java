package io.scopecloud.infra.embedded;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL and Kafka under one data root, started side by side: each takes about 3 s, mostly
 * waiting, so starting them in parallel halves the wait of the standalone install and the tests.
 *
 * <p>Layout: {@code <root>/postgres} (data), {@code <root>/postgres-runtime} (unpacked binaries),
 * {@code <root>/kafka} (log).
 */
public final class EmbeddedServers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServers.class);

    private final EmbeddedPostgres postgres;
    private final EmbeddedKafka kafka;

    private EmbeddedServers(EmbeddedPostgres postgres, EmbeddedKafka kafka) {
        this.postgres = requireNonNull(postgres, "postgres is null");
        this.kafka = requireNonNull(kafka, "kafka is null");
    }

    /** Starts both with Kafka's {@link EmbeddedKafka#DEFAULT_RETENTION}; a port of 0 picks a free one. */
    public static EmbeddedServers start(Path root, int postgresPort, int kafkaPort) throws IOException {
        return start(root, postgresPort, kafkaPort, EmbeddedKafka.DEFAULT_RETENTION);
    }

    /** Starts both in parallel; if either fails, the other is stopped and the failure thrown. */
    public static EmbeddedServers start(Path root, int postgresPort, int kafkaPort, Duration kafkaRetention)
            throws IOException {
        requireNonNull(root, "root is null");
        requireNonNull(kafkaRetention, "kafkaRetention is null");
        long started = System.nanoTime();
        FutureTask<EmbeddedPostgres> postgresTask =
                new FutureTask<>(() -> EmbeddedPostgres.start(root.resolve("postgres"), postgresPort));
        Thread postgresStarter = new Thread(postgresTask, "embedded-postgres-start");
        postgresStarter.start();

        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(root.resolve("kafka"), kafkaPort, kafkaRetention);
        } catch (IOException | RuntimeException | Error e) {
            closeWhenStarted(postgresTask);
            throw e;
        }
        try {
            EmbeddedServers servers = new EmbeddedServers(postgresTask.get(), kafka);
            log.info(
                    "PostgreSQL and Kafka ready in {} ms",
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return servers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kafka.close();
            closeWhenStarted(postgresTask);
            throw new InterruptedIOException("interrupted while PostgreSQL was starting");
        } catch (ExecutionException e) {
            kafka.close();
            throw rethrow(e.getCause());
        }
    }

    /** Lets an in-flight PostgreSQL start finish, then stops it, so no server is left behind. */
    private static void closeWhenStarted(FutureTask<EmbeddedPostgres> postgresTask) {
        try {
            postgresTask.get().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.debug("PostgreSQL failed to start as well", e.getCause());
        }
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }

    public EmbeddedPostgres postgres() {
        return postgres;
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    /** Stops Kafka, then PostgreSQL; both keep their data. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
