package io.scopecloud.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Metric#mergeAll} against a fold of {@link Metric#merge}, on overlapping and on successive samples. */
class MetricMergeAllTest {
    private static final Instant BASE = Instant.parse("2026-11-23T00:17:00Z");

    @Test
    void mergeAllEqualsAFoldOfMerges() {
        Random random = new Random(42);
        for (int trial = 0; trial < 2_000; trial++) {
            int count = 2 + random.nextInt(8);
            Object[] metrics = new Object[count];
            for (int m = 0; m < count; m++) {
                List<Sample> samples = new ArrayList<>();
                int start = random.nextInt(4) == 0 ? random.nextInt(20) : 3 * m + random.nextInt(2);
                int n = random.nextInt(5);
                for (int s = 0; s < n; s++) {
                    // Few distinct values, so that equal dates often carry equal values (ties keep the earlier).
                    double value = random.nextInt(4) == 0 ? Double.NaN : random.nextInt(3);
                    samples.add(new Sample(BASE.plusSeconds(start + s), value));
                }
                metrics[m] = new Metric(samples, random.nextInt(3), 10 + random.nextInt(3));
            }
            Metric fold = (Metric) metrics[0];
            for (int m = 1; m < count; m++) {
                fold = fold.merge((Metric) metrics[m]);
            }
            Metric all = Metric.mergeAll("k", metrics, count);
            assertThat(all).isEqualTo(fold);
            for (int i = 0; i < all.samples().size(); i++) {
                assertThat(all.samples().get(i)).isSameAs(fold.samples().get(i));
            }
        }
    }
}
