package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing without handing anyone a way to lock an owner out. Only failed sign-ins
 * count, per client address and per client address and email; past a few free failures each
 * further one makes that key wait twice as long as the last (up to a ceiling), and an attempt
 * during the wait gets 429 with {@code Retry-After} without its password being checked. The
 * owner, signing in from their own address, is never held up by guesses made from another one.
 *
 * <p>An attempt is counted as a failure when it starts, so parallel guesses cannot all slip in
 * before the first one fails; a success takes its count back and forgets the address's failures
 * for that email. Counts live in this instance and are forgotten a day after a key's last failure.
 */
final class SignInThrottle {
    static final Duration FORGET_AFTER = Duration.ofDays(1);

    private final Clock clock;
    private final Limits perAddressAndEmail;
    private final Limits perAddress;
    private final Cache<String, Failures> failures;

    SignInThrottle(Clock clock, Limits perAddressAndEmail, Limits perAddress) {
        this.clock = requireNonNull(clock, "clock is null");
        this.perAddressAndEmail = requireNonNull(perAddressAndEmail, "perAddressAndEmail is null");
        this.perAddress = requireNonNull(perAddress, "perAddress is null");
        this.failures = Caffeine.newBuilder()
                .expireAfterWrite(FORGET_AFTER)
                .maximumSize(1_000_000)
                .build();
    }

    /** How many failures are free, then the first wait and the longest one. */
    record Limits(int freeFailures, Duration firstDelay, Duration maxDelay) {
        Limits {
            requireNonNull(firstDelay, "firstDelay is null");
            requireNonNull(maxDelay, "maxDelay is null");
        }

        /** After {@code freeFailures} failures, the next attempt waits {@code firstDelay}, then twice that, ... */
        Duration delayAfter(int failures) {
            int over = failures - freeFailures;
            if (over < 0) {
                return Duration.ZERO;
            }
            Duration delay = firstDelay.multipliedBy(1L << Math.min(over, 30));
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }
    }

    private record Failures(int count, Instant notBefore) {}

    /** Throws 429 while either key must wait; otherwise counts this attempt as a failure until it succeeds. */
    void begin(String address, String email) {
        Instant now = clock.instant();
        String pair = pairKey(address, email);
        String single = addressKey(address);
        long wait = Math.max(secondsToWait(pair, now), secondsToWait(single, now));
        if (wait > 0) {
            throw tooManyFailures(wait);
        }
        fail(pair, perAddressAndEmail, now);
        fail(single, perAddress, now);
    }

    /** The attempt begun for these keys was right: it does not count, nor do the pair's earlier failures. */
    void succeeded(String address, String email) {
        failures.invalidate(pairKey(address, email));
        failures.asMap()
                .computeIfPresent(
                        addressKey(address),
                        (k, f) -> f.count() <= 1 ? null : new Failures(f.count() - 1, f.notBefore()));
    }

    private long secondsToWait(String key, Instant now) {
        Failures f = failures.getIfPresent(key);
        if (f == null || !f.notBefore().isAfter(now)) {
            return 0;
        }
        return Math.max(1, (Duration.between(now, f.notBefore()).toMillis() + 999) / 1000);
    }

    private void fail(String key, Limits limits, Instant now) {
        failures.asMap().compute(key, (k, f) -> {
            int count = f == null ? 1 : f.count() + 1;
            return new Failures(count, now.plus(limits.delayAfter(count)));
        });
    }

    private static String pairKey(String address, String email) {
        return "address+email:" + address + "\n" + email;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static WebApplicationException tooManyFailures(long seconds) {
        return new WebApplicationException(Response.status(Response.Status.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(seconds))
                .entity(new ErrorMessage(
                        429, "too many failed sign-ins from your address; try again in " + seconds + " s"))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build());
    }
}
