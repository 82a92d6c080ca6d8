package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A metric: samples sorted by time with unique timestamps, plus {@code min} and {@code max} ({@code max} is often a
 * capacity, e.g. 100 or total memory). The constructor sorts and de-duplicates, so every instance is normalised.
 */
public record Metric(List<Sample> samples, double min, double max) {
    public Metric {
        samples = normalise(requireNonNull(samples, "samples is null"));
    }

    public static Metric of(double min, double max, Sample... samples) {
        return new Metric(Arrays.asList(samples), min, max);
    }

    /**
     * Scope's metric merge: the sorted union of the samples (one value per timestamp; we keep the greater value so
     * the merge is commutative), the min of the mins and the max of the maxes.
     */
    public Metric merge(Metric other) {
        if (other == this) {
            return this;
        }
        List<Sample> a = samples;
        List<Sample> b = other.samples;
        Sample[] out = new Sample[a.size() + b.size()];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.size() && j < b.size()) {
            Sample x = a.get(i);
            Sample y = b.get(j);
            int c = x.date().compareTo(y.date());
            if (c < 0) {
                out[n++] = x;
                i++;
            } else if (c > 0) {
                out[n++] = y;
                j++;
            } else {
                out[n++] = Double.compare(x.value(), y.value()) >= 0 ? x : y;
                i++;
                j++;
            }
        }
        while (i < a.size()) {
            out[n++] = a.get(i++);
        }
        while (j < b.size()) {
            out[n++] = b.get(j++);
        }
        double mergedMin = Math.min(min, other.min);
        double mergedMax = Math.max(max, other.max);
        if (n == a.size() && Double.compare(mergedMin, min) == 0 && Double.compare(mergedMax, max) == 0) {
            boolean same = true;
            for (int k = 0; k < n && same; k++) {
                same = out[k] == a.get(k);
            }
            if (same) {
                return this;
            }
        }
        return new Metric(new SampleList(n == out.length ? out : Arrays.copyOf(out, n)), mergedMin, mergedMax);
    }

    /** Merges several metrics in one pass (one sort of all samples instead of a fold of pairwise merges). */
    static Metric mergeAll(Object[] metrics, int n) {
        int total = 0;
        double mergedMin = Double.POSITIVE_INFINITY;
        double mergedMax = Double.NEGATIVE_INFINITY;
        boolean sorted = true;
        Sample last = null;
        for (int m = 0; m < n; m++) {
            Metric metric = (Metric) metrics[m];
            total += metric.samples.size();
            mergedMin = m == 0 ? metric.min : Math.min(mergedMin, metric.min);
            mergedMax = m == 0 ? metric.max : Math.max(mergedMax, metric.max);
        }
        Sample[] all = new Sample[total];
        int at = 0;
        for (int m = 0; m < n; m++) {
            for (Sample s : ((Metric) metrics[m]).samples) {
                if (last != null && last.date().compareTo(s.date()) >= 0) {
                    sorted = false;
                }
                all[at++] = s;
                last = s;
            }
        }
        if (!sorted) {
            // Stable, and fast on the few sorted runs it gets; then keep one sample (the greatest value) per date.
            Arrays.sort(all, SAMPLE_ORDER);
            int w = 0;
            for (int r = 0; r < all.length; r++) {
                if (w > 0 && all[w - 1].date().equals(all[r].date())) {
                    continue;
                }
                all[w++] = all[r];
            }
            all = w == all.length ? all : Arrays.copyOf(all, w);
        }
        return new Metric(all.length == 0 ? List.of() : new SampleList(all), mergedMin, mergedMax);
    }

    private static final Comparator<Sample> SAMPLE_ORDER =
            Comparator.comparing(Sample::date).thenComparing(Sample::value, Comparator.reverseOrder());

    /** The newest sample's value, if any. */
    public java.util.OptionalDouble lastValue() {
        return samples.isEmpty()
                ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(samples.get(samples.size() - 1).value());
    }

    private static List<Sample> normalise(List<Sample> samples) {
        if (samples instanceof SampleList) {
            return samples; // immutable and normalised by construction
        }
        boolean ok = true;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = requireNonNull(samples.get(i), "sample is null");
            if (i > 0 && samples.get(i - 1).date().compareTo(s.date()) >= 0) {
                ok = false;
            }
        }
        if (ok) {
            return samples.isEmpty() ? List.of() : new SampleList(samples.toArray(new Sample[0]));
        }
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(SAMPLE_ORDER);
        List<Sample> out = new ArrayList<>(sorted.size());
        for (Sample s : sorted) {
            if (out.isEmpty() || !out.get(out.size() - 1).date().equals(s.date())) {
                out.add(s);
            }
        }
        return new SampleList(out.toArray(new Sample[0]));
    }

    /** Immutable samples, sorted by date with unique dates; only {@link Metric} creates them. */
    private static final class SampleList extends java.util.AbstractList<Sample> implements java.util.RandomAccess {
        private final Sample[] items;

        SampleList(Sample[] items) {
            this.items = items;
        }

        @Override
        public Sample get(int index) {
            return items[index];
        }

        @Override
        public int size() {
            return items.length;
        }
    }
}
