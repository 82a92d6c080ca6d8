package io.scopecloud.testing;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * One PostgreSQL and one Kafka per test JVM, so integration tests pay the start-up once and isolate
 * themselves with a new database and new topic names instead. Tests never learn where the servers
 * came from: Testcontainers where a Docker engine answers (checked once), otherwise the embedded
 * servers of {@code infra/embedded}, as on this project's CI machines, which have no Docker.
 *
 * <p>System properties: {@code scopecloud.test.work} (embedded data, default {@code
 * ./target/it-work}); {@code scopecloud.test.infra} = {@code auto} (default), {@code embedded} or
 * {@code testcontainers}. Thread-safe.
 */
public final class TestInfrastructure {
    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    public static final String WORK_PROPERTY = "scopecloud.test.work";
    public static final String MODE_PROPERTY = "scopecloud.test.infra";

    /** Every database this class creates starts so, and only those are dropped on the next run. */
    static final String DATABASE_PREFIX = "it_";

    private static final Pattern TOPIC_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    private static final Object SHARED_LOCK = new Object();
    private static TestInfrastructure shared;
    private static String sharedFailure; // why the first start failed; that test got the exception itself

    private final Servers servers;
    private final AtomicLong sequence = new AtomicLong();

    TestInfrastructure(Servers servers) {
        this.servers = requireNonNull(servers, "servers is null");
    }

    /**
     * One PostgreSQL and one Kafka per test JVM, started on first use, stopped by a shutdown hook.
     * From Testcontainers when a Docker engine answers, otherwise from infra/embedded under
     * {@code scopecloud.test.work}. A failed start is remembered, so later tests fail fast.
     */
    public static TestInfrastructure shared() {
        synchronized (SHARED_LOCK) {
            if (shared != null) {
                return shared;
            }
            if (sharedFailure != null) {
                throw new IllegalStateException(
                        "test infrastructure failed to start earlier in this JVM: " + sharedFailure);
            }
            try {
                shared = new TestInfrastructure(startServers());
            } catch (RuntimeException e) {
                sharedFailure = e.toString();
                throw e;
            }
            Servers started = shared.servers;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-infrastructure-stop"));
            return shared;
        }
    }

    private static Servers startServers() {
        long started = System.nanoTime();
        InfrastructureMode mode = InfrastructureMode.parse(System.getProperty(MODE_PROPERTY));
        Servers servers = null;
        if (mode == InfrastructureMode.TESTCONTAINERS) {
            servers = ContainerServers.start();
        } else if (mode == InfrastructureMode.AUTO) {
            servers = containersIfTheyRun();
        }
        boolean containers = servers != null;
        if (servers == null) {
            Path work =
                    Path.of(System.getProperty(WORK_PROPERTY, "target/it-work")).toAbsolutePath();
            try {
                servers = EmbeddedSlot.start(work, DATABASE_PREFIX);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL and Kafka in " + work, e);
            }
        }
        log.info(
                "Test infrastructure ({}) ready in {} ms: PostgreSQL at {}, Kafka at {}",
                containers ? "Testcontainers" : "embedded",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                servers.jdbcUrlPrefix(),
                servers.bootstrapServers());
        return servers;
    }

    /**
     * Testcontainers' servers when an engine answers and can run the images; null otherwise. An engine
     * that answers may still fail (no registry, a Docker-compatible engine such as podman without the
     * images, Ryuk refused): then the embedded servers stand in.
     */
    private static Servers containersIfTheyRun() {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? ContainerServers.start() : null;
        } catch (RuntimeException e) {
            log.warn(
                    "A container engine answers but Testcontainers could not start PostgreSQL and Kafka ({});"
                            + " using the embedded servers instead",
                    e.toString());
            return null;
        }
    }

    public String bootstrapServers() {
        return servers.bootstrapServers();
    }

    /** The maintenance database {@code postgres}, as a superuser: for tests that manage databases themselves. */
    public String adminJdbcUrl() {
        return servers.jdbcUrlPrefix() + "postgres";
    }

    public String user() {
        return servers.user();
    }

    public String password() {
        return servers.password();
    }

    public boolean usesTestcontainers() {
        return servers.containers();
    }

    /** A brand-new empty database for one test (unique name), with JDBC URL; the caller runs migrations. */
    public TestDatabase newDatabase() {
        String name = DATABASE_PREFIX + sequence.incrementAndGet() + "_" + randomSuffix();
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl(), user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new TestDatabase(name, servers.jdbcUrlPrefix() + name, user(), password());
    }

    /** A topic name no other call returned, e.g. {@code reports-7-1a2b3c}; nothing is created. */
    public String newTopicName(String prefix) {
        requireNonNull(prefix, "prefix is null");
        if (!TOPIC_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "topic prefix may only use letters, digits, '.', '_' and '-': " + prefix);
        }
        return prefix + "-" + sequence.incrementAndGet() + "-" + randomSuffix();
    }

    /**
     * {@link #newTopicName} plus the topic itself (replication factor 1): both brokers have
     * automatic topic creation off, as production should.
     */
    public String newTopic(String prefix, int partitions) {
        String name = newTopicName(prefix);
        servers.createTopic(name, partitions);
        return name;
    }

    /** Distinguishes names across JVMs that share a Docker engine or a work directory. */
    private static String randomSuffix() {
        byte[] bytes = new byte[3];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
