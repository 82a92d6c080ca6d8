package io.scopecloud.query.balance;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.common.TopicPartition;

/**
 * How many report bytes a second each partition brings this instance: an exponentially weighted
 * rate with time constant {@code tau}, so a tenant that goes quiet for a minute keeps most of its
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
    private final Map<TopicPartition, Decayed> loads = new HashMap<>();

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

    /** Counts {@code bytes} of a record read from {@code partition}. */
    public synchronized void record(TopicPartition partition, long bytes) {
        long now = nanoTime.getAsLong();
        loads.computeIfAbsent(partition, p -> new Decayed(now)).add(bytes, now, tauNanos);
    }

    /**
     * Sets {@code partition} to {@code bytesPerSecond}, the weight the leader placed it by, when it
     * comes to this instance: what this instance may remember of it from an earlier stay lacks
     * everything the partition brought while another instance held it.
     */
    public synchronized void seed(TopicPartition partition, double bytesPerSecond) {
        long now = nanoTime.getAsLong();
        Decayed d = new Decayed(now);
        d.value = Math.max(0, bytesPerSecond) * tauNanos / 1e9 * youngCorrection(now);
        loads.put(partition, d);
    }

    /** Each known partition's rate in bytes a second, now. */
    public synchronized Map<TopicPartition, Double> rates() {
        long now = nanoTime.getAsLong();
        double correction = youngCorrection(now);
        Map<TopicPartition, Double> rates = new HashMap<>();
        loads.entrySet().removeIf(e -> {
            double rate = e.getValue().decayedTo(now, tauNanos) / (tauNanos / 1e9) / correction;
            if (rate < FORGET_BELOW) {
                return true;
            }
            rates.put(e.getKey(), rate);
            return false;
        });
        return rates;
    }

    /** The share of a full-grown average that an average started at the instance's start holds by now. */
    private double youngCorrection(long now) {
        double grown = 1 - Math.exp(-(now - startNanos) / tauNanos);
        return Math.max(grown, 1e-3);
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
