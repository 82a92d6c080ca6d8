package io.scopecloud.bench.compare;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Latencies of one path on one app, in nanoseconds, with percentiles in milliseconds. */
final class Timings {
    private long[] nanos = new long[64];
    private int size;

    void add(long n) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = n;
    }

    int size() {
        return size;
    }

    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, i))] / 1e6;
    }

    /**
     * Prints a markdown table of each row's times on two apps (by their names) and the ratio of the second's to the
     * first's median and p99, as bench/README.md shows them.
     */
    static void printTable(
            String title, String rowHeading, Map<String, Map<String, Timings>> times, String scope, String cloud) {
        System.out.println();
        System.out.println(title + ":");
        System.out.println();
        System.out.println(
                "| " + rowHeading
                        + " | Scope p50 | Scope p99 | Scope Cloud p50 | Scope Cloud p99 | ours / Scope p50 | ours / Scope p99 |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (Map.Entry<String, Map<String, Timings>> e : times.entrySet()) {
            Timings s = e.getValue().get(scope);
            Timings c = e.getValue().get(cloud);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f | %.2f |%n",
                    e.getKey(),
                    s.percentileMillis(50),
                    s.percentileMillis(99),
                    c.percentileMillis(50),
                    c.percentileMillis(99),
                    c.percentileMillis(50) / s.percentileMillis(50),
                    c.percentileMillis(99) / s.percentileMillis(99));
        }
    }
}
