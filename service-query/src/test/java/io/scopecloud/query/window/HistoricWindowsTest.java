package io.scopecloud.query.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scopecloud.common.kafka.KafkaFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

class HistoricWindowsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void onlyInstantsOlderThanTheLiveWindowAreHistoric() {
        HistoricWindows history =
                new HistoricWindows(new KafkaFactory(), Duration.ofSeconds(15), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(history.isHistoric(NOW.minusSeconds(10))).isFalse();
        assertThat(history.isHistoric(NOW.minusSeconds(16))).isTrue();
    }

    @Test
    void aReadThatGetsNoTurnIsRefusedWith503InsteadOfQueueingForever() {
        HistoricWindows busy = new HistoricWindows(
                new KafkaFactory(),
                Duration.ofSeconds(15),
                Clock.fixed(NOW, ZoneOffset.UTC),
                new Semaphore(0),
                Duration.ofMillis(10));

        HistoryBusyException refused = catchThrowableOfType(
                HistoryBusyException.class, () -> busy.at(UUID.randomUUID(), NOW.minusSeconds(60)));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.getMessage()).contains("try the earlier time again");
    }
}
