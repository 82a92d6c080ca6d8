package io.scopecloud.query.detail;

import java.time.Instant;

/** Times as Go's {@code time.RFC3339Nano} writes them (UTC, trailing zeros of the fraction trimmed). */
public final class GoTimeFormat {
    private GoTimeFormat() {}

    public static String format(Instant t) {
        return Rows.goTime(t);
    }
}
