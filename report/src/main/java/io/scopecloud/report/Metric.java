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
        if (other == this || other.equals(this)) {
            return this;
        }
        List<Sample> a = samples;
        List<Sample> b = other.samples;
        List<Sample> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            Sample x = a.get(i);
            Sample y = b.get(j);
            int c = x.date().compareTo(y.date());
            if (c < 0) {
                out.add(x);
                i++;
            } else if (c > 0) {
                out.add(y);
                j++;
            } else {
                out.add(Double.compare(x.value(), y.value()) >= 0 ? x : y);
                i++;
                j++;
            }
        }
        out.addAll(a.subList(i, a.size()));
        out.addAll(b.subList(j, b.size()));
        return new Metric(List.copyOf(out), Math.min(min, other.min), Math.max(max, other.max));
    }

    /** The newest sample's value, if any. */
    public java.util.OptionalDouble lastValue() {
        return samples.isEmpty()
                ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(samples.get(samples.size() - 1).value());
    }

    private static List<Sample> normalise(List<Sample> samples) {
        boolean ok = true;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = requireNonNull(samples.get(i), "sample is null");
            if (i > 0 && samples.get(i - 1).date().compareTo(s.date()) >= 0) {
                ok = false;
            }
        }
        if (ok) {
            return List.copyOf(samples);
        }
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(Sample::date).thenComparing(Sample::value, Comparator.reverseOrder()));
        List<Sample> out = new ArrayList<>(sorted.size());
        for (Sample s : sorted) {
            if (out.isEmpty() || !out.get(out.size() - 1).date().equals(s.date())) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
