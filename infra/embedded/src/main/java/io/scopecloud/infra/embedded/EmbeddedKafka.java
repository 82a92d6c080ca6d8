package io.scopecloud.infra.embedded;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft: one process is broker and controller) running in this JVM, so
 * the standalone install needs no separate Kafka and tests produce to the same broker code as
 * production. The log directory is formatted on first use only; after a crash Kafka recovers the
 * unflushed segments itself when it starts again.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** Long enough for time travel over recent reports, short enough for a laptop disk. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(6);

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final String META_PROPERTIES = "meta.properties";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Admin admin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = requireNonNull(server, "server is null");
        this.bootstrapServers = requireNonNull(bootstrapServers, "bootstrapServers is null");
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG,
                "embedded-kafka-admin"));
    }

    /** {@link #start(Path, int, Duration)} with {@link #DEFAULT_RETENTION}. */
    public static EmbeddedKafka start(Path logDir, int port) throws IOException {
        return start(logDir, port, DEFAULT_RETENTION);
    }

    /**
     * Starts a real single-node KRaft broker+controller in-process with its log in logDir (formatted
     * on first use only, so topics and records survive restarts); port 0 = pick a free one, and a
     * port in use is replaced by a free one (logged). The controller gets a free port of its own.
     */
    public static EmbeddedKafka start(Path logDir, int port, Duration retention) throws IOException {
        requireNonNull(logDir, "logDir is null");
        requireNonNull(retention, "retention is null");
        Path dir = logDir.toAbsolutePath().normalize();
        long started = System.nanoTime();
        Files.createDirectories(dir);
        int brokerPort = Ports.choose("Kafka", port);
        int controllerPort = controllerPort(brokerPort);
        KafkaConfig config =
                new KafkaConfig(KafkaSettings.serverProperties(dir, brokerPort, controllerPort, retention), false);
        boolean fresh = formatIfNew(dir);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            server.startup(); // returns once the broker is unfenced, i.e. serving
        } catch (RuntimeException e) {
            shutdown(server);
            throw new IOException("Kafka did not start in " + dir, e);
        }
        log.info(
                "Kafka ready on localhost:{} (controller {}) with {} log in {} after {} ms",
                brokerPort,
                controllerPort,
                fresh ? "a new" : "its existing",
                dir,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new EmbeddedKafka(server, "localhost:" + brokerPort);
    }

    private static int controllerPort(int brokerPort) {
        int port = Ports.anyFree();
        while (port == brokerPort) {
            port = Ports.anyFree();
        }
        return port;
    }

    /** Formats only a directory without meta.properties, so existing topics and records are kept. */
    private static boolean formatIfNew(Path dir) throws IOException {
        if (Files.exists(dir.resolve(META_PROPERTIES))) {
            return false;
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(KafkaSettings.NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(KafkaSettings.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(dir.toString())
                    .addDirectory(dir.toString())
                    .setIgnoreFormatted(true)
                    .run();
        } catch (Exception e) {
            throw new IOException("could not format Kafka log directory " + dir + ": " + output, e);
        }
        log.info("Formatted Kafka log directory {} for new cluster {}", dir, clusterId);
        log.debug("Formatter said: {}", output.toString(StandardCharsets.UTF_8));
        return true;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Creates a topic with replication factor 1 unless it exists (whatever its partition count),
     * and waits until every partition has a leader so the first send does not stall on metadata.
     */
    public void createTopic(String name, int partitions) {
        requireNonNull(name, "name is null");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            log.info("Created topic {} with {} partitions", name, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create topic " + name, e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out creating topic " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + name, e);
        }
        awaitLeaders(name);
    }

    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription description = admin.describeTopics(Set.of(topic))
                        .allTopicNames()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic);
                if (description.partitions().stream().allMatch(p -> p.leader() != null)) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("could not describe topic " + topic, e.getCause());
                }
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for topic " + topic, e);
            }
            sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException("topic " + topic + " has no leader after " + ADMIN_TIMEOUT);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Controlled shutdown: segments are flushed and marked clean, so the next start skips recovery. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        long started = System.nanoTime();
        admin.close(Duration.ofSeconds(5));
        shutdown(server);
        log.info(
                "Kafka on {} stopped in {} ms",
                bootstrapServers,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static void shutdown(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }
}
