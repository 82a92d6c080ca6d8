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

    @Test
    void anOrgWhoseReadsHoldItsTurnsGets429WhileAnotherOrgStillQueuesForATurn() {
        HistoricWindows history = new HistoricWindows(
                new KafkaFactory(),
                Duration.ofSeconds(15),
                Clock.fixed(NOW, ZoneOffset.UTC),
                new Semaphore(0), // no global turn either: the other org's read ends in 503, not 429
                Duration.ofMillis(10));
        UUID busy = UUID.randomUUID();
        assertThat(history.orgTurns(busy).tryAcquire(HistoricWindows.CONCURRENT_READS_PER_ORG))
                .as("reads in progress")
                .isTrue();

        OrgHistoryBusyException refused =
                catchThrowableOfType(OrgHistoryBusyException.class, () -> history.at(busy, NOW.minusSeconds(60)));
        HistoryBusyException other = catchThrowableOfType(
                HistoryBusyException.class, () -> history.at(UUID.randomUUID(), NOW.minusSeconds(60)));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.getMessage()).contains("your organisation already has 2");
        assertThat(other.status()).isEqualTo(503);
    }
}
