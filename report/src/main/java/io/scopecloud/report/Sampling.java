package io.scopecloud.report;

/**
 * How packet sources were sampled ({@code {"Count":uint,"Total":uint}}); merged by summing. Go uses uint64; we keep
 * the bits in a long (treat as unsigned).
 */
public record Sampling(long count, long total) {
    public static final Sampling NONE = new Sampling(0, 0);

    public Sampling merge(Sampling other) {
        return new Sampling(count + other.count, total + other.total);
    }
}
