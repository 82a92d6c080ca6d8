package io.scopecloud.probe.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way Go's {@code flag.Duration} does ({@code 3s}, {@code 500ms}, {@code 1m30s}), since Scope's flags use them. */
public final class GoDurations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private GoDurations() {}

    public static Duration parse(String text) {
        String s = text.trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        double nanos = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\" (use e.g. 3s, 500ms, 1m)");
            }
            double value = Double.parseDouble(m.group(1));
            nanos += value * unitNanos(m.group(2));
            at = m.end();
        }
        if (at == 0) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\" (use e.g. 3s, 500ms, 1m)");
        }
        return Duration.ofNanos((long) nanos);
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            case "h" -> 3600e9;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /** Formats like Go for the durations we print (3s, 500ms, 1m0s is shown as 60s). */
    public static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
