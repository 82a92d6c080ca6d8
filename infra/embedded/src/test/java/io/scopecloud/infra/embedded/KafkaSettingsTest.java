package io.scopecloud.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
    private static final Path LOG_DIR = Path.of("/var/lib/scope/kafka");

    @Test
    void configuresOneNodeAsBrokerAndController() {
        Map<String, String> p = KafkaSettings.serverProperties(LOG_DIR, 9092, 9093, Duration.ofHours(6));

        assertThat(p)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("node.id", "1")
                .containsEntry("controller.quorum.voters", "1@localhost:9093")
                .containsEntry("listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:9092")
                .containsEntry("log.dirs", "/var/lib/scope/kafka");
    }

    @Test
    void keepsOneReplicaOfInternalTopics() {
        Map<String, String> p = KafkaSettings.serverProperties(LOG_DIR, 9092, 9093, Duration.ofHours(6));

        assertThat(p)
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("auto.create.topics.enable", "false");
    }

    @Test
    void retainsSixHoursByDefaultAndRollsSegmentsHourly() {
        Map<String, String> p = KafkaSettings.serverProperties(LOG_DIR, 9092, 9093, EmbeddedKafka.DEFAULT_RETENTION);

        assertThat(p).containsEntry("log.retention.ms", "21600000").containsEntry("log.roll.ms", "3600000");
    }

    @Test
    void rollsSegmentsNoLaterThanTheyExpire() {
        Map<String, String> p = KafkaSettings.serverProperties(LOG_DIR, 9092, 9093, Duration.ofMinutes(10));

        assertThat(p).containsEntry("log.retention.ms", "600000").containsEntry("log.roll.ms", "600000");
    }

    @Test
    void rejectsNonPositiveRetention() {
        assertThatThrownBy(() -> KafkaSettings.serverProperties(LOG_DIR, 9092, 9093, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sizesTheCleanersBufferForOneInstall() {
        KafkaConfig config =
                new KafkaConfig(KafkaSettings.serverProperties(LOG_DIR, 9092, 9093, Duration.ofHours(6)), false);

        assertThat(config.logCleanerDedupeBufferSize()).isEqualTo(2L * 1024 * 1024);
    }

    @Test
    void isAcceptedByTheBroker() {
        KafkaConfig config =
                new KafkaConfig(KafkaSettings.serverProperties(LOG_DIR, 9092, 9093, Duration.ofHours(6)), false);

        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.autoCreateTopicsEnable()).isFalse();
    }
}
