package io.scopecloud.query.balance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * How many report bytes a second each partition, and each org in it, brings this instance: an
 * exponentially weighted rate with time constant {@code tau}, so a tenant that goes quiet for a minute keeps most of its
 * weight and one that stays quiet for a long while loses it. Partitions this instance gave up are
 * kept (still decaying) so the group's leader can place them by weight after they move. Until
 * {@code tau} has passed since the instance started, rates are the mean since the start (the usual
 * correction of a young average), so the first placement already sees the tenants' proportions.
 */
public final class PartitionLoads {
    /** Below this many bytes a second a partition is forgotten. */
    private static final double FORGET_BELOW = 1.0;

    private final double tauNanos;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final Map<TopicPartition, Entry> loads = new HashMap<>();

    public PartitionLoads(Duration tau) {
        this(tau, System::nanoTime);
    }

    PartitionLoads(Duration tau, LongSupplier nanoTime) {
        if (tau.isNegative() || tau.isZero()) {
            throw new IllegalArgumentException("tau must be positive: " + tau);
        }
        this.tauNanos = tau.toNanos();
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
    }

    /** Counts {@code bytes} of a record of {@code org} read from {@code partition}. */
    public synchronized void record(TopicPartition partition, String org, long bytes) {
        long now = nanoTime.getAsLong();
        Entry e = loads.computeIfAbsent(partition, p -> new Entry(now));
        e.total.add(bytes, now, tauNanos);
        e.orgs.computeIfAbsent(org, o -> new Decayed(now)).add(bytes, now, tauNanos);
    }

    /**
     * Sets {@code partition} to {@code weight}, what the leader placed it by, when it comes to this
     * instance: what this instance may remember of it from an earlier stay lacks everything the
     * partition brought while another instance held it.
     */
    public synchronized void seed(TopicPartition partition, Weight weight) {
        long now = nanoTime.getAsLong();
        double scale = tauNanos / 1e9 * youngCorrection(now);
        Entry e = new Entry(now);
        e.total.value = Math.max(0, weight.total()) * scale;
        if (!weight.topOrg().isEmpty()) {
            Decayed top = new Decayed(now);
            top.value = Math.max(0, weight.topRate()) * scale;
            e.orgs.put(weight.topOrg(), top);
        }
        loads.put(partition, e);
    }

    /** Each known partition's weight, in bytes a second, now. */
    public synchronized Map<TopicPartition, Weight> rates() {
        long now = nanoTime.getAsLong();
        double perSecond = tauNanos / 1e9 * youngCorrection(now);
        Map<TopicPartition, Weight> rates = new HashMap<>();
        loads.entrySet().removeIf(e -> {
            double total = e.getValue().total.decayedTo(now, tauNanos) / perSecond;
            if (total < FORGET_BELOW) {
                return true;
            }
            String top = "";
            double topRate = 0;
            for (Iterator<Map.Entry<String, Decayed>> i =
                            e.getValue().orgs.entrySet().iterator();
                    i.hasNext(); ) {
                Map.Entry<String, Decayed> org = i.next();
                double rate = org.getValue().decayedTo(now, tauNanos) / perSecond;
                if (rate < FORGET_BELOW) {
                    i.remove();
                } else if (rate > topRate) {
                    top = org.getKey();
                    topRate = rate;
                }
            }
            rates.put(e.getKey(), new Weight(total, top, topRate));
            return false;
        });
        return rates;
    }

    /** The share of a full-grown average that an average started at the instance's start holds by now. */
    private double youngCorrection(long now) {
        double grown = 1 - Math.exp(-(now - startNanos) / tauNanos);
        return Math.max(grown, 1e-3);
    }

    private static final class Entry {
        private final Decayed total;
        private final Map<String, Decayed> orgs = new HashMap<>();

        Entry(long at) {
            total = new Decayed(at);
        }
    }

    private static final class Decayed {
        private double value;
        private long at;

        Decayed(long at) {
            this.at = at;
        }

        void add(long bytes, long now, double tauNanos) {
            value = decayedTo(now, tauNanos) + bytes;
            at = now;
        }

        double decayedTo(long now, double tauNanos) {
            return value * Math.exp(-(now - at) / tauNanos);
        }
    }
}
