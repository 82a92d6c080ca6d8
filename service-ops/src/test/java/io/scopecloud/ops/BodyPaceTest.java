package io.scopecloud.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BodyPaceTest {
    private static final long MS = 1_000_000L;
    private static final long RATE = 1_024;
    private static final long GRACE = 1_000 * MS;

    private final BodyPace pace = new BodyPace(RATE, GRACE);

    @Test
    void timeTheServerSpendsBetweenReadsOfArrivedBytesDoesNotCount() {
        assertThat(pace.arrived(10, false, 0)).isFalse();
        // the server reads again 5 s later and finds the rest there: it never waited
        assertThat(pace.arrived(20, false, 5_000 * MS)).isFalse();
        assertThat(pace.waitedNanos()).isZero();
        assertThat(pace.bytes()).isEqualTo(30);
    }

    @Test
    void onlyTheTimeFromAnEmptyReadToTheWakeUpCounts() {
        pace.waiting(0);
        pace.woken(300 * MS);
        // the thread woken runs 2 s later: those 2 s are the server's
        assertThat(pace.arrived(1, false, 2_300 * MS)).isFalse();
        assertThat(pace.waitedNanos()).isEqualTo(300 * MS);
    }

    @Test
    void aSecondEmptyReadDoesNotRestartTheClock() {
        pace.waiting(0);
        pace.waiting(400 * MS);
        pace.woken(500 * MS);
        assertThat(pace.waitedNanos()).isEqualTo(500 * MS);
    }

    @Test
    void withoutAWakeUpTheWaitEndsWhenTheChunkIsRead() {
        pace.waiting(100 * MS);
        pace.arrived(1, false, 700 * MS);
        assertThat(pace.waitedNanos()).isEqualTo(600 * MS);
    }

    @Test
    void aSlowClientIsNotJudgedWithinTheGrace() {
        pace.waiting(0);
        assertThat(pace.arrived(1, false, GRACE)).as("waited exactly the grace").isFalse();
    }

    @Test
    void aClientBelowTheRateOverTheTimeWaitedIsTooSlowOnceTheGraceIsPast() {
        long now = 0;
        boolean tooSlow = false;
        int arrivals = 0;
        while (!tooSlow) {
            pace.waiting(now);
            now += 200 * MS;
            tooSlow = pace.arrived(1, false, now);
            arrivals++;
        }
        // 6 bytes after 1.2 s waited: past the grace, and 6 < 1,024 × 1.2
        assertThat(arrivals).isEqualTo(6);
        assertThat(pace.tooSlow()).isTrue();
    }

    @Test
    void aClientAtTheRateIsNeverTooSlow() {
        long now = 0;
        for (int second = 0; second < 60; second++) {
            pace.waiting(now);
            now += 1_000 * MS;
            assertThat(pace.arrived(RATE, false, now)).as("second %d", second).isFalse();
        }
    }

    @Test
    void aClientBelowTheRateThatCatchesUpIsNoLongerTooSlow() {
        pace.waiting(0);
        assertThat(pace.arrived(100, false, 2_000 * MS)).isTrue();
        assertThat(pace.arrived(2_000, false, 2_000 * MS)).isFalse();
    }

    @Test
    void aBodyWhoseLastChunkHasArrivedNeverFails() {
        pace.waiting(0);
        assertThat(pace.arrived(1, true, 30_000 * MS)).isFalse();
        pace.waiting(31_000 * MS);
        assertThat(pace.arrived(0, true, 90_000 * MS)).isFalse();
        assertThat(pace.tooSlow()).isFalse();
        assertThat(pace.waitedNanos()).as("no wait after the end").isEqualTo(30_000 * MS);
    }

    @Test
    void theRateMustBePositive() {
        assertThatThrownBy(() -> new BodyPace(0, GRACE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BodyPace(RATE, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
