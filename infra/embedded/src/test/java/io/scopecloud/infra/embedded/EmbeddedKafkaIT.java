package io.scopecloud.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

    @Test
    void keepsTopicsAndRecordsAcrossRestarts() throws Exception {
        Path logDir = ItWork.emptyDir("kafka-it/log");
        int port;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
            kafka.createTopic("scope.reports", 3);
            kafka.createTopic("scope.reports", 3);
            KafkaRecords.send(kafka.bootstrapServers(), "scope.reports", List.of("r1", "r2", "r3"));
            assertThat(KafkaRecords.readAll(kafka.bootstrapServers(), "scope.reports", 3))
                    .containsExactly("r1", "r2", "r3");
            port = Integer.parseInt(kafka.bootstrapServers().substring("localhost:".length()));
        }
        assertThat(Files.exists(logDir.resolve("meta.properties"))).isTrue();

        try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, port)) {
            assertThat(kafka.bootstrapServers()).isEqualTo("localhost:" + port);
            kafka.createTopic("scope.reports", 3);
            KafkaRecords.send(kafka.bootstrapServers(), "scope.reports", List.of("r4"));
            assertThat(KafkaRecords.readAll(kafka.bootstrapServers(), "scope.reports", 4))
                    .containsExactly("r1", "r2", "r3", "r4");
        }
    }
}
