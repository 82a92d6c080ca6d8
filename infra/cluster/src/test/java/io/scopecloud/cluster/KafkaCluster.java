package io.scopecloud.cluster;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Three Kafka brokers in KRaft mode, each its own JVM ({@code kafka.Kafka} with a generated
 * {@code server.properties}) on its own host, each also a controller (a quorum of three, so one can
 * stop). Topics default to replication factor 3 and {@code min.insync.replicas=2}.
 */
final class KafkaCluster implements AutoCloseable {
    static final int BROKER_PORT = 9092;
    static final int CONTROLLER_PORT = 9093;

    private final List<HostProcess> brokers;
    private final String bootstrap;

    private KafkaCluster(List<HostProcess> brokers, String bootstrap) {
        this.brokers = brokers;
        this.bootstrap = bootstrap;
    }

    /** Formats the three log directories (in this JVM) and starts the brokers; returns when all three are up. */
    static KafkaCluster start(NetworkHosts hosts, List<String> hostNames, Path work) throws Exception {
        requireNonNull(hosts, "hosts is null");
        String voters = new ArrayList<>(hostNames)
                .stream()
                        .map(h -> (hostNames.indexOf(h) + 1) + "@" + hosts.address(h) + ":" + CONTROLLER_PORT)
                        .collect(Collectors.joining(","));
        String bootstrap = hostNames.stream()
                .map(h -> hosts.address(h) + ":" + BROKER_PORT)
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        Path logback = work.resolve("logback-broker.xml");
        Files.writeString(logback, LOGBACK);
        List<HostProcess> brokers = new ArrayList<>();
        for (int i = 0; i < hostNames.size(); i++) {
            String host = hostNames.get(i);
            int nodeId = i + 1;
            Path dir = work.resolve("kafka-" + nodeId);
            Path logDir = dir.resolve("log");
            Files.createDirectories(logDir);
            Properties p = properties(nodeId, hosts.address(host), voters, logDir);
            Path config = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                p.store(out, "broker " + nodeId + " of the cluster test");
            }
            format(nodeId, clusterId, logDir);
            brokers.add(new HostProcess(
                            "kafka-" + nodeId,
                            host,
                            HostProcess.java(
                                    "384m",
                                    List.of("-Dlogback.configurationFile=" + logback),
                                    "kafka.Kafka",
                                    config.toString()),
                            Map.of(),
                            dir.resolve("broker.log"))
                    .start());
        }
        KafkaCluster cluster = new KafkaCluster(brokers, bootstrap);
        try {
            cluster.awaitBrokers(3, Duration.ofSeconds(90));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private static Properties properties(int nodeId, String address, String voters, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", voters);
        p.put(
                "listeners",
                "BROKER://" + address + ":" + BROKER_PORT + ",CONTROLLER://" + address + ":" + CONTROLLER_PORT);
        p.put("advertised.listeners", "BROKER://" + address + ":" + BROKER_PORT);
        p.put("listener.security.protocol.map", "BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "BROKER");
        p.put("log.dirs", logDir.toString());
        p.put("default.replication.factor", "3");
        p.put("min.insync.replicas", "2");
        p.put("offsets.topic.replication.factor", "3");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "3");
        p.put("transaction.state.log.min.isr", "2");
        p.put("transaction.state.log.num.partitions", "3");
        p.put("share.coordinator.state.topic.replication.factor", "3");
        p.put("share.coordinator.state.topic.min.isr", "2");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "2");
        p.put("background.threads", "2");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "3000");
        p.put("replica.lag.time.max.ms", "10000");
        return p;
    }

    private static void format(int nodeId, String clusterId, Path logDir) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(printStream)
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IOException("could not format " + logDir + ": " + output, e);
        }
    }

    String bootstrap() {
        return bootstrap;
    }

    Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }

    /** Creates the reports topic as production wants it: RF 3, min.insync.replicas 2, log-append time. */
    void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 3)
                            .configs(Map.of(
                                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                    "2",
                                    TopicConfig.RETENTION_MS_CONFIG,
                                    Long.toString(Duration.ofHours(6).toMillis()),
                                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                                    "LogAppendTime",
                                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                                    Integer.toString(16 * 1024 * 1024)))))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    /** Waits until {@code count} brokers are registered and answering. */
    void awaitBrokers(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (HostProcess broker : brokers) {
                if (!broker.isAlive() && broker.log().toFile().exists() && !stopped.contains(broker)) {
                    throw new AssertionError("a Kafka broker died at start:\n" + broker.tail(40));
                }
            }
            try (Admin admin = admin()) {
                int up = admin.describeCluster()
                        .nodes()
                        .get(10, TimeUnit.SECONDS)
                        .size();
                if (up >= count) {
                    return;
                }
                last = up + " brokers";
            } catch (Exception e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Kafka: " + count + " brokers were not up within " + timeout + " (" + last + ")\n"
                + brokers.get(0).tail(30));
    }

    private final List<HostProcess> stopped = new ArrayList<>();

    HostProcess broker(int index) {
        return brokers.get(index);
    }

    /** Stops broker {@code index} (SIGTERM: a controlled shutdown, as an operator's restart does). */
    void stopBroker(int index) {
        stopped.add(brokers.get(index));
        brokers.get(index).stop();
    }

    void startBroker(int index) {
        stopped.remove(brokers.get(index));
        brokers.get(index).start();
    }

    @Override
    public void close() {
        // all at once: one by one, each would wait for the others to take over its partitions
        brokers.forEach(b -> {
            if (b.isAlive()) {
                b.signal("TERM");
            }
        });
        brokers.forEach(b -> {
            if (b.isAlive() && !b.await(15)) {
                b.kill();
            }
        });
    }

    private static final String LOGBACK =
            """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20}: %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="OUT"/></root>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
              <logger name="kafka.server.BrokerServer" level="INFO"/>
            </configuration>
            """;
}
