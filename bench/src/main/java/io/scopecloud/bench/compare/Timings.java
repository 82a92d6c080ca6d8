package io.scopecloud.bench.compare;

import java.util.Arrays;

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
}
