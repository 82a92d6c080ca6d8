package io.scopecloud.query.window;

/**
 * The gaps between an org's reports, as a read at a random moment finds them: how long a snapshot that holds every
 * report so far stays the newest (the next report makes it due for a merge).
 *
 * <p>A moment picked at random is more likely to fall in a long gap than in a short one, so the gap it finds is the
 * size-biased mean, {@code Σ gap² / Σ gap}, not the plain mean. The two differ for an org whose probes report in bursts:
 * reports a few milliseconds apart, then nothing for seconds. The plain mean (tens of milliseconds) says a snapshot is
 * soon replaced, though nearly every read finds the one merged after the last burst (bench/README.md, "End to end at
 * scale", run 43). For an org whose reports are evenly spread both are the gap between them.
 *
 * <p>The sums weigh each gap by how recently it ended, decaying by {@code e} every {@link #HORIZON_NANOS} of time (not
 * of reports: a burst of forty reports must not make the gap before it forgotten). Times are {@link System#nanoTime}
 * values. Not thread-safe: {@link OrgWindow} updates it under its lock.
 */
final class ReportGaps {
    /** About one window of reports: what the org's probes did lately. */
    private static final double HORIZON_NANOS = 15e9;

    private long last;
    private boolean seen;
    private double sumOfGaps;
    private double sumOfSquares;

    void reported(long now) {
        if (seen) {
            double gap = Math.max(1, now - last);
            double kept = Math.exp(-gap / HORIZON_NANOS);
            sumOfGaps = sumOfGaps * kept + gap;
            sumOfSquares = sumOfSquares * kept + gap * gap;
        }
        seen = true;
        last = now;
    }

    /** The gap a read at a random moment falls in, in nanoseconds; 0 before two reports. */
    long sizeBiasedNanos() {
        return sumOfGaps == 0 ? 0 : (long) (sumOfSquares / sumOfGaps);
    }
}
