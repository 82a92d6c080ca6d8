package io.scopecloud.probe.host;

/** {@code /proc/uptime}: Scope reports whole seconds since boot as the {@code uptime} latest entry. */
public final class Uptime {
    private Uptime() {}

    /** Parses {@code "333.91 561.49"} into whole seconds (333), truncating like Go's conversion. */
    public static long parseSeconds(String text) {
        String[] fields = text.trim().split("\\s+", -1);
        if (fields.length != 2) {
            throw new IllegalArgumentException("invalid uptime format: " + text);
        }
        return (long) Double.parseDouble(fields[0]);
    }
}
