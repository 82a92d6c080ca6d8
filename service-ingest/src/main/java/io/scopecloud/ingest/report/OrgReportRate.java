package io.scopecloud.ingest.report;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A per-org quota on reports ({@code ingest.maxReportsPerOrgPerMinute}): a token bucket per org holding a minute's
 * worth, refilled continuously, so that one org posting far more than its probes would (a Scope probe sends one
 * report every 3 s) cannot take the intake's memory and Kafka from the others. Over it, 429 with
 * {@code Retry-After} and a message, before the body is read.
 */
public final class OrgReportRate {
    private final long perMinute;
    private final LongSupplier nanoTime;
    private final Cache<UUID, Bucket> buckets =
            Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    public OrgReportRate(long perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1: " + perMinute);
        }
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    /** Takes one report from the org's quota, or throws 429. */
    public void take(UUID org) {
        Bucket bucket = buckets.get(org, k -> new Bucket(perMinute, nanoTime.getAsLong()));
        long waitSeconds = bucket.take(perMinute, nanoTime.getAsLong());
        if (waitSeconds > 0) {
            throw new WebApplicationException(
                    "your organisation sent more than " + perMinute + " reports in a minute"
                            + " (ingest.maxReportsPerOrgPerMinute); retry in " + waitSeconds + " s",
                    Response.status(429)
                            .header(HttpHeaders.RETRY_AFTER, waitSeconds)
                            .build());
        }
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos;

        Bucket(long capacity, long now) {
            this.tokens = capacity;
            this.lastNanos = now;
        }

        /** 0 if a token was taken; else the whole seconds until one is due. */
        synchronized long take(long perMinute, long now) {
            double perNano = perMinute / 60e9;
            tokens = Math.min(perMinute, tokens + (now - lastNanos) * perNano);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
        }
    }
}
