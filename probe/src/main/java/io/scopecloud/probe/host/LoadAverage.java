package io.scopecloud.probe.host;

/**
 * The first three fields of {@code /proc/loadavg}. Scope reports only the one-minute value (metric
 * {@code load1}); the others are kept because the parse is free and a later metric may want them.
 */
public record LoadAverage(double one, double five, double fifteen) {

    /** Parses {@code "0.81 0.44 0.18 1/83 8347"}. */
    public static LoadAverage parse(String text) {
        String[] fields = text.trim().split("\\s+", -1);
        if (fields.length < 3) {
            throw new IllegalArgumentException("loadavg has fewer than 3 fields: " + text);
        }
        return new LoadAverage(
                Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
    }
}
