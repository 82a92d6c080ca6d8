package io.scopecloud.ingest.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A token bucket per org holding a minute's worth of something (reports, nodes), refilled continuously. Idle orgs'
 * buckets are forgotten after ten minutes, by when they would be full again.
 */
final class PerMinuteBuckets {
    private final long perMinute;
    private final LongSupplier nanoTime;
    private final Cache<UUID, Bucket> buckets =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    PerMinuteBuckets(long perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1: " + perMinute);
        }
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    long perMinute() {
        return perMinute;
    }

    /**
     * Takes {@code amount} (at most a minute's worth) from the org's bucket and answers 0, or takes nothing and
     * answers the whole seconds until that much is due.
     */
    long take(UUID org, long amount) {
        if (amount < 0 || amount > perMinute) {
            throw new IllegalArgumentException("amount must be 0 to " + perMinute + ": " + amount);
        }
        Bucket bucket = buckets.get(org, k -> new Bucket(perMinute, nanoTime.getAsLong()));
        return bucket.take(amount, perMinute, nanoTime.getAsLong());
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(long capacity, long now) {
            this.tokens = (double) capacity;
            this.lastNanos = now;
        }

        synchronized long take(long amount, long perMinute, long now) {
            double capacity = (double) perMinute;
            double wanted = (double) amount;
            double perNano = capacity / 60e9;
            tokens = Math.min(capacity, tokens + (now - lastNanos) * perNano);
            lastNanos = now;
            if (tokens >= wanted) {
                tokens -= wanted;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((wanted - tokens) / perNano / 1e9));
        }
    }
}
