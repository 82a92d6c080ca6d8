package io.scopecloud.query.live;

import io.scopecloud.query.topology.BadOptionException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} format ("5s", "500ms", "1m30s"), for the websocket's {@code t}. */
final class GoDuration {
    private static final Pattern PART = Pattern.compile("([0-9]*\\.?[0-9]+)(ns|us|µs|ms|s|m|h)");
    private static final Map<String, Long> NANOS = Map.of(
            "ns",
            1L,
            "us",
            1_000L,
            "µs",
            1_000L,
            "ms",
            1_000_000L,
            "s",
            1_000_000_000L,
            "m",
            60_000_000_000L,
            "h",
            3_600_000_000_000L);

    private GoDuration() {}

    static Duration parse(String text) {
        if (text.isEmpty()) {
            throw bad(text);
        }
        Matcher m = PART.matcher(text);
        int pos = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw bad(text);
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
            pos = m.end();
        }
        if (nanos.signum() <= 0
                || nanos.compareTo(BigDecimal.valueOf(Duration.ofDays(1).toNanos())) > 0) {
            throw bad(text);
        }
        return Duration.ofNanos(nanos.longValue());
    }

    private static BadOptionException bad(String text) {
        return new BadOptionException(
                "t must be a positive Go duration of at most 24h, e.g. 1s or 500ms: '" + text + "'");
    }
}
