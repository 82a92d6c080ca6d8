package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadCadenceTest {
    private static final long MS = 1_000_000L;
    private static final long LEAD = 500 * MS;
    /** An arbitrary origin: nanoTime values may be negative. */
    private static final long T0 = -7_000 * MS;

    @Test
    void neverAskedIsNotRecentAndAskedOnceIsAlwaysDue() {
        ReadCadence cadence = new ReadCadence();
        assertThat(cadence.askedSince(T0 - 30_000 * MS)).isFalse();

        cadence.asked(T0);

        assertThat(cadence.askedSince(T0)).isTrue();
        assertThat(cadence.askedSince(T0 + 1)).isFalse();
        assertThat(cadence.dueWithin(T0 + 10 * MS, LEAD))
                .as("one ask shows no cadence: computed ahead, as before")
                .isTrue();
    }

    @Test
    void aViewPolledEveryThreeSecondsIsDueOnlyInTheLastHalfSecondBeforeItsNextPoll() {
        ReadCadence cadence = new ReadCadence();
        for (int i = 0; i < 5; i++) {
            cadence.asked(T0 + i * 3_000L * MS);
        }
        long last = T0 + 4 * 3_000L * MS;

        assertThat(cadence.dueWithin(last + 250 * MS, LEAD)).isFalse();
        assertThat(cadence.dueWithin(last + 2_500 * MS - 1, LEAD)).isFalse();
        assertThat(cadence.dueWithin(last + 2_500 * MS, LEAD)).isTrue();
        assertThat(cadence.dueWithin(last + 2_750 * MS, LEAD)).isTrue();
        assertThat(cadence.dueWithin(last + 9_000 * MS, LEAD))
                .as("overdue: the poll is late, not cancelled")
                .isTrue();
    }

    @Test
    void requestsAskedBackToBackAreAlwaysDue() {
        ReadCadence cadence = new ReadCadence();
        for (int i = 0; i < 20; i++) {
            cadence.asked(T0 + i * MS);
        }

        assertThat(cadence.dueWithin(T0 + 20 * MS, LEAD)).isTrue();
    }

    @Test
    void oneLateAskMovesTheGapByAQuarterOfItsLateness() {
        ReadCadence cadence = new ReadCadence();
        cadence.asked(T0);
        cadence.asked(T0 + 1_000 * MS);
        cadence.asked(T0 + 2_000 * MS);

        cadence.asked(T0 + 6_000 * MS);

        // a gap of 1,750 ms: due from 1,250 ms after the last ask with a 500 ms lead
        assertThat(cadence.dueWithin(T0 + 7_250 * MS - 1, LEAD)).isFalse();
        assertThat(cadence.dueWithin(T0 + 7_250 * MS, LEAD)).isTrue();
    }

    @Test
    void twoAsksAtTheSameInstantKeepAPositiveGap() {
        ReadCadence cadence = new ReadCadence();
        cadence.asked(T0);
        cadence.asked(T0);

        assertThat(cadence.dueWithin(T0, LEAD)).isTrue();
        assertThat(cadence.dueWithin(T0, 0))
                .as("a gap is known (one nanosecond), so with no lead the next ask is not due yet")
                .isFalse();
    }
}
