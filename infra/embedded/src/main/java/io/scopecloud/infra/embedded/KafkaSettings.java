package io.scopecloud.infra.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Broker configuration for one node that is both broker and controller. Kafka's defaults assume a
 * three-broker cluster (replication factor 3 for internal topics, 50 offsets partitions, a 3 s
 * rebalance delay); on one node those either fail or only slow things down.
 */
final class KafkaSettings {
    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaSettings() {}

    static Map<String, String> serverProperties(Path logDir, int brokerPort, int controllerPort, Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        p.put(
                "listeners",
                BROKER_LISTENER + "://localhost:" + brokerPort + "," + CONTROLLER_LISTENER + "://localhost:"
                        + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://localhost:" + brokerPort);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("log.dirs", logDir.toString());

        // One replica of everything, internal topics included.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");

        // Topics are created on purpose, consumers join at once.
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "1");

        // After a crash the controller keeps the old broker registration until its session expires
        // (9 s by default) and refuses the new one until then. Broker and controller share a process,
        // so a short session costs nothing.
        p.put("broker.heartbeat.interval.ms", "500");
        p.put("broker.session.timeout.ms", "2000");

        // Retention applies to closed segments only: roll at least hourly so old data really goes.
        long retentionMs = retention.toMillis();
        p.put("log.retention.ms", Long.toString(retentionMs));
        p.put(
                "log.roll.ms",
                Long.toString(Math.min(retentionMs, Duration.ofHours(1).toMillis())));

        // The cleaner (for compacted __consumer_offsets) allocates its whole buffer up front: 128 MiB by default.
        // 2 MiB holds 80,000 keys per pass; one install's consumer groups commit a few dozen.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        // Kafka's thread counts stay: fewer (tried for the standalone's memory, ADR 0025) saved a few MiB, and the
        // end-to-end bench, which uses this broker as its cluster, could not rule out that they held its posts up.
        return p;
    }
}
