package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
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
     * As {@link #of}, taking {@code samples} as they are when they are sorted by date with unique dates (as a probe
     * sends them), without a copy: for a decoder, whose array nothing else holds.
     */
    public static Metric adopt(double min, double max, Sample[] samples) {
        for (int i = 0; i < samples.length; i++) {
            requireNonNull(samples[i], "sample is null");
            if (i > 0 && samples[i - 1].date().compareTo(samples[i].date()) >= 0) {
                return of(min, max, samples);
            }
        }
        return new Metric(samples.length == 0 ? List.of() : new SampleList(samples), min, max);
    }

    /**
     * Scope's metric merge: the sorted union of the samples (one value per timestamp; we keep the greater value so
     * the merge is commutative), the min of the mins and the max of the maxes.
     */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: the same metric or samples mean nothing to merge
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
        return new Metric(
                n == 0 ? List.of() : new SampleList(n == out.length ? out : Arrays.copyOf(out, n)),
                mergedMin,
                mergedMax);
    }

    /**
     * Merges several metrics in one pass. Each metric's samples are already sorted with unique dates, so when each
     * one starts after the previous one ends (successive reports of one probe) the merge is a concatenation: only
     * the first and last sample of each are looked at, and the rest is copied by reference. Otherwise one sort of
     * all samples replaces a fold of pairwise merges. ({@code key} is unused: the signature is a
     * {@code SortedArrayMap.ManyCombiner}.)
     */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: all versions the same instance is the fast path
    static Metric mergeAll(String key, Object[] metrics, int n) {
        Metric first = (Metric) metrics[0];
        int total = 0;
        double mergedMin = first.min;
        double mergedMax = first.max;
        boolean sorted = true;
        boolean allSame = true;
        SampleList previous = null; // the samples of the previous non-empty metric
        for (int m = 0; m < n; m++) {
            Metric metric = (Metric) metrics[m];
            allSame &= metric == first;
            mergedMin = Math.min(mergedMin, metric.min);
            mergedMax = Math.max(mergedMax, metric.max);
            if (metric.samples instanceof SampleList list) { // every non-empty metric has one
                if (previous != null && !previous.endsBefore(list)) {
                    sorted = false;
                }
                previous = list;
                total += list.items.length;
            }
        }
        if (allSame) {
            return first;
        }
        Sample[] all = sorted ? concatenate(metrics, n, total) : mergeRuns(metrics, n, total);
        return new Metric(all.length == 0 ? List.of() : new SampleList(all), mergedMin, mergedMax);
    }

    private static Sample[] concatenate(Object[] metrics, int n, int total) {
        Sample[] all = new Sample[total];
        int at = 0;
        for (int m = 0; m < n; m++) {
            if (((Metric) metrics[m]).samples instanceof SampleList list) {
                System.arraycopy(list.items, 0, all, at, list.items.length);
                at += list.items.length;
            }
        }
        return all;
    }

    /**
     * Folds the sorted sample lists into one, as successive {@link #merge} calls would (per date the greater value,
     * the earlier one on a tie), in one buffer. Each list is merged only with the tail it overlaps, found from the
     * end: versions from several probes in report order start at or near the end of what is merged so far.
     */
    private static Sample[] mergeRuns(Object[] metrics, int n, int total) {
        Sample[] acc = new Sample[total];
        Sample[] tail = null;
        int size = 0;
        for (int m = 0; m < n; m++) {
            if (!(((Metric) metrics[m]).samples instanceof SampleList list)) {
                continue;
            }
            Sample[] run = list.items;
            Instant start = run[0].date();
            int from = size;
            while (from > 0 && acc[from - 1].date().compareTo(start) >= 0) {
                from--;
            }
            int tailLength = size - from;
            if (tail == null) {
                tail = new Sample[total];
            }
            System.arraycopy(acc, from, tail, 0, tailLength);
            int i = 0;
            int j = 0;
            int w = from;
            while (i < tailLength && j < run.length) {
                Sample x = tail[i];
                Sample y = run[j];
                int c = x.date().compareTo(y.date());
                if (c < 0) {
                    acc[w++] = x;
                    i++;
                } else if (c > 0) {
                    acc[w++] = y;
                    j++;
                } else {
                    acc[w++] = Double.compare(x.value(), y.value()) >= 0 ? x : y;
                    i++;
                    j++;
                }
            }
            while (i < tailLength) {
                acc[w++] = tail[i++];
            }
            while (j < run.length) {
                acc[w++] = run[j++];
            }
            size = w;
        }
        return size == acc.length ? acc : Arrays.copyOf(acc, size);
    }

    /** By date, then greater value first; written out because a key-extracting comparator boxes every value. */
    private static final Comparator<Sample> SAMPLE_ORDER = (x, y) -> {
        int c = x.date().compareTo(y.date());
        return c != 0 ? c : Double.compare(y.value(), x.value());
    };

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

    /**
     * Immutable samples, sorted by date with unique dates, never empty (an empty metric has {@code List.of()}); only
     * {@link Metric} creates them. The first and last dates are kept unpacked: merging a window compares them for
     * every metric of every node, and reading them here saves loading two samples and two instants from memory.
     */
    private static final class SampleList extends java.util.AbstractList<Sample> implements java.util.RandomAccess {
        private final Sample[] items;
        private final long firstSecond;
        private final long lastSecond;
        private final int firstNano;
        private final int lastNano;

        SampleList(Sample[] items) {
            this.items = items;
            Instant first = items[0].date();
            Instant last = items[items.length - 1].date();
            firstSecond = first.getEpochSecond();
            firstNano = first.getNano();
            lastSecond = last.getEpochSecond();
            lastNano = last.getNano();
        }

        /** Whether every sample here is older than every sample of {@code next}. */
        boolean endsBefore(SampleList next) {
            return lastSecond < next.firstSecond || (lastSecond == next.firstSecond && lastNano < next.firstNano);
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
