package io.scopecloud.query.app;

/**
 * When one request (a path and query) was last asked and how often it is asked, so that {@link Prerender} computes it
 * ahead only for the snapshots its next ask may find. A UI polls a view every second or few, but an org's snapshot
 * changes every merge interval (250 ms): computing every recent request for every snapshot threw most of the work away
 * (bench/README.md, "End to end at scale"). How long an org's snapshots last is the gap between its reports ({@link
 * io.scopecloud.query.window.OrgWindows#reportGap}).
 *
 * <p>The gap between asks is smoothed (an exponentially weighted mean, a quarter weight to the newest gap), so one
 * late or early ask moves it little. Times are {@link System#nanoTime} values. Thread-safe: a lost update between two
 * asks at the same moment only skews the mean a little.
 */
final class ReadCadence {
    private static final long NEVER = -1;
    private static final long UNKNOWN = 0;

    private volatile long lastAsked;
    /** The smoothed gap between asks: {@link #NEVER} before the first ask, {@link #UNKNOWN} after it. */
    private volatile long gap = NEVER;

    void asked(long now) {
        long previous = lastAsked;
        lastAsked = now;
        long g = gap;
        if (g == NEVER) {
            gap = UNKNOWN;
        } else {
            long since = Math.max(1, now - previous);
            gap = g == UNKNOWN ? since : Math.max(1, g - g / 4 + since / 4);
        }
    }

    /** Whether it was asked at or after {@code sinceNanos}. */
    boolean askedSince(long sinceNanos) {
        return gap != NEVER && lastAsked - sinceNanos >= 0;
    }

    /**
     * Whether the next ask is expected within {@code leadNanos} of {@code now}, or is overdue: the answer computed now
     * is then likely to be the one it finds. Always true while the gap is not known yet (one ask so far), so a request
     * asked once is computed ahead as before until its cadence shows.
     */
    boolean dueWithin(long now, long leadNanos) {
        long g = gap;
        return g <= UNKNOWN || now - (lastAsked + g - leadNanos) >= 0;
    }
}
