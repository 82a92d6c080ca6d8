package io.scopecloud.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportGapsTest {
    private static final long MS = 1_000_000L;
    /** An arbitrary origin: nanoTime values may be negative. */
    private static final long T0 = -7_000 * MS;

    @Test
    void nothingIsKnownBeforeTwoReports() {
        ReportGaps gaps = new ReportGaps();
        assertThat(gaps.sizeBiasedNanos()).isZero();

        gaps.reported(T0);

        assertThat(gaps.sizeBiasedNanos()).isZero();
    }

    @Test
    void evenlySpreadReportsAreTheirGapApart() {
        ReportGaps gaps = new ReportGaps();
        for (int i = 0; i < 40; i++) {
            gaps.reported(T0 + MS * 250 * i);
        }

        assertThat(gaps.sizeBiasedNanos()).isEqualTo(250 * MS);
    }

    @Test
    void aReadFindsTheLongGapBetweenBurstsEvenAtTheEndOfABurst() {
        ReportGaps gaps = new ReportGaps();
        // every 3 s, forty probes report 3 ms apart: 39 gaps of 3 ms, one of 2,883 ms, a mean of 75 ms
        for (int burst = 0; burst < 20; burst++) {
            for (int probe = 0; probe < 40; probe++) {
                gaps.reported(T0 + MS * 3_000 * burst + MS * 3 * probe);
            }
        }

        assertThat(gaps.sizeBiasedNanos())
                .as("a read at a random moment falls in the gap between bursts 96 times in 100; forty reports in a"
                        + " row do not make it forget that gap")
                .isBetween(2_500 * MS, 2_883 * MS);
    }
}
