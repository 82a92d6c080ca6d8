package io.scopecloud.query.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadPlacementTest {
    private static final TopicPartition P0 = new TopicPartition("reports", 0);
    private static final TopicPartition P1 = new TopicPartition("reports", 1);
    private long now;
    private final LoadPlacement placement = new LoadPlacement(
            Duration.ofMinutes(1), new PartitionLoads(Duration.ofMinutes(10), () -> now), 10_000, () -> now);

    @BeforeEach
    void holdBoth() {
        placement.assigned(List.of(P0, P1));
    }

    private void seconds(int seconds, long p0PerSecond, long p1PerSecond) {
        for (int i = 0; i < seconds; i++) {
            now += 1_000_000_000L;
            placement.record(P0, "a", p0PerSecond);
            placement.record(P1, "b", p1PerSecond);
        }
    }

    @Test
    void weightsThatGrewFromWhatWasSentAskForARoundOncePerInterval() {
        placement.sending(); // joined with nothing measured
        seconds(30, 50_000, 5_000);
        assertThat(placement.placeAgain()).as("before the interval").isFalse();
        seconds(31, 50_000, 5_000);
        assertThat(placement.placeAgain()).isTrue();
        assertThat(placement.placeAgain()).as("again at once").isFalse();
    }

    @Test
    void steadyWeightsNeverAskButAShiftBetweenPartitionsDoes() {
        seconds(600, 50_000, 5_000);
        placement.sending();
        seconds(61, 50_000, 5_000);
        assertThat(placement.placeAgain()).isFalse();
        // The same total, moved from one partition to the other.
        seconds(300, 5_000, 50_000);
        assertThat(placement.placeAgain()).isTrue();
    }

    @Test
    void partitionsGivenUpDoNotCountAsDrift() {
        seconds(600, 50_000, 5_000);
        placement.assigned(List.of(P1)); // P0 moved away; P1's weight is what the group knows
        seconds(61, 0, 5_000);
        assertThat(placement.placeAgain()).isFalse();
        assertThat(placement.sending())
                .as("P0's weight is still sent for the leader")
                .containsKey(P0);
    }

    @Test
    void aQuietInstanceNeverAsks() {
        placement.sending();
        seconds(61, 500, 200);
        assertThat(placement.placeAgain()).isFalse();
    }
}
