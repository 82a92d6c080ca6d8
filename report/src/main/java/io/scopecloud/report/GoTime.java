package io.scopecloud.report;

import java.time.Instant;

/**
 * Go's zero {@code time.Time} (0001-01-01T00:00:00Z), which Scope uses as "no time": a report with a zero
 * {@code TS}, a latest entry without timestamp. We keep it as an ordinary {@link Instant} so that it survives a
 * round trip and compares before every real time, exactly as in Go.
 */
public final class GoTime {
    /** 0001-01-01T00:00:00Z. */
    public static final Instant ZERO = Instant.ofEpochSecond(-62_135_596_800L);

    private GoTime() {}

    public static boolean isZero(Instant t) {
        return ZERO.equals(t);
    }
}
