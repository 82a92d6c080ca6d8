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
            loads.record(p, "org-" + p.partition(), bytesPerSecond);
        }
    }

    @Test
    void aYoungAverageAlreadyShowsTheRate() {
        feed(P0, 10_000, 30);
        assertThat(loads.rates().get(P0).total()).isCloseTo(10_000, within(300.0));
    }

    @Test
    void aFullGrownAverageFollowsTheRateAndAQuietPartitionLosesWeightSlowly() {
        for (int i = 0; i < 3_600; i++) {
            now += 1_000_000_000L;
            loads.record(P0, "big", 8_000);
            loads.record(P0, "small", 2_000);
            loads.record(P1, "other", 1_000);
        }
        assertThat(loads.rates().get(P0).total()).isCloseTo(10_000, within(100.0));
        assertThat(loads.rates().get(P0).topOrg()).isEqualTo("big");
        assertThat(loads.rates().get(P0).topRate()).isCloseTo(8_000, within(80.0));
        assertThat(loads.rates().get(P1).total()).isCloseTo(1_000, within(10.0));
        now += Duration.ofMinutes(2).toNanos();
        // e^(-2/10) = 0.82 of the weight after two quiet minutes.
        assertThat(loads.rates().get(P0).total()).isCloseTo(8_187, within(100.0));
        now += Duration.ofHours(3).toNanos();
        assertThat(loads.rates()).doesNotContainKey(P0);
    }

    @Test
    void aSeedStandsForAPartitionComingBackAndItsRateGoesOnFromThere() {
        feed(P0, 5_000, 60);
        feed(P1, 1_000, 60);
        now += Duration.ofMinutes(5).toNanos(); // P1 was held elsewhere meanwhile, at 7,000 a second
        loads.seed(P1, new Weight(7_000, "org-1", 6_000));
        assertThat(loads.rates().get(P1).total()).isCloseTo(7_000, within(1.0));
        assertThat(loads.rates().get(P1).topRate()).isCloseTo(6_000, within(1.0));
        feed(P1, 7_000, 60); // all of it org-1's: its seeded rate goes on from 6,000
        assertThat(loads.rates().get(P1).total()).isCloseTo(7_000, within(150.0));
        assertThat(loads.rates().get(P1).topRate()).isCloseTo(6_000 + 1_000 * 60 / 600.0, within(150.0));
    }
}
