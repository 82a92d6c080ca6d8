package io.scopecloud.query.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionLoadsTest {
    private static final TopicPartition P0 = new TopicPartition("reports", 0);
    private static final TopicPartition P1 = new TopicPartition("reports", 1);
    private long now;
    private final PartitionLoads loads = new PartitionLoads(Duration.ofMinutes(10), () -> now);

    private void feed(TopicPartition p, long bytesPerSecond, int seconds) {
        for (int i = 0; i < seconds; i++) {
            now += 1_000_000_000L;
            loads.record(p, bytesPerSecond);
        }
    }

    @Test
    void aYoungAverageAlreadyShowsTheRate() {
        feed(P0, 10_000, 30);
        assertThat(loads.rates().get(P0)).isCloseTo(10_000, within(300.0));
    }

    @Test
    void aFullGrownAverageFollowsTheRateAndAQuietPartitionLosesWeightSlowly() {
        for (int i = 0; i < 3_600; i++) {
            now += 1_000_000_000L;
            loads.record(P0, 10_000);
            loads.record(P1, 1_000);
        }
        assertThat(loads.rates().get(P0)).isCloseTo(10_000, within(100.0));
        assertThat(loads.rates().get(P1)).isCloseTo(1_000, within(10.0));
        now += Duration.ofMinutes(2).toNanos();
        // e^(-2/10) = 0.82 of the weight after two quiet minutes.
        assertThat(loads.rates().get(P0)).isCloseTo(8_187, within(100.0));
        now += Duration.ofHours(3).toNanos();
        assertThat(loads.rates()).doesNotContainKey(P0);
    }

    @Test
    void aSeedStandsForAPartitionComingBackAndItsRateGoesOnFromThere() {
        feed(P0, 5_000, 60);
        feed(P1, 1_000, 60);
        now += Duration.ofMinutes(5).toNanos(); // P1 was held elsewhere meanwhile, at 7,000 a second
        loads.seed(P1, 7_000);
        assertThat(loads.rates().get(P1)).isCloseTo(7_000, within(1.0));
        feed(P1, 7_000, 60);
        assertThat(loads.rates().get(P1)).isCloseTo(7_000, within(150.0));
    }
}
