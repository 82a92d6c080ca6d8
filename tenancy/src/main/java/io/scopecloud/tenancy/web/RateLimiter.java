package io.scopecloud.tenancy.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fixed-window counters per key (the client address): enough to stop sign-up floods (and account
 * enumeration through sign-up) from one place. Counts live in this instance only. Sign-in uses
 * {@link SignInThrottle}, which counts failures only.
 */
final class RateLimiter {
    private final int limit;
    private final Duration window;
    private final Cache<String, AtomicInteger> counts;

    RateLimiter(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
        this.counts = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(1_000_000)
                .build();
    }

    /** Counts one attempt for the key; false when it is over the limit (for limits that answer nothing). */
    boolean tryAcquire(String key) {
        return counts.get(key, k -> new AtomicInteger()).incrementAndGet() <= limit;
    }

    /** Counts one attempt for each key; throws 429 with Retry-After when any is over the limit. */
    void acquire(String... keys) {
        for (String key : keys) {
            if (counts.get(key, k -> new AtomicInteger()).incrementAndGet() > limit) {
                throw new WebApplicationException(Response.status(Response.Status.TOO_MANY_REQUESTS)
                        .header("Retry-After", Long.toString(window.toSeconds()))
                        .entity(new io.dropwizard.jersey.errors.ErrorMessage(
                                429, "too many attempts; try again in " + window.toMinutes() + " minutes"))
                        .type("application/json")
                        .build());
            }
        }
    }
}
