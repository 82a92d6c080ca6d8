package io.scopecloud.probe.net;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff, 1 s doubling to 60 s by default (Scope's publish and control loops),
 * reset on success. Optional jitter spreads reconnecting probes so that a restarted service is
 * not hit by all of them in the same second.
 *
 * <p>Not thread-safe; each loop owns one.
 */
public final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;
    private Duration next;

    /**
     * @param jitter fraction of each delay that is randomised, 0 for none (0.2 means ±20%); a
     *     jittered delay never exceeds {@code max}
     * @param random uniform in [0, 1)
     */
    public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + ", " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
        }
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
        this.next = initial;
    }

    /** Scope's publish backoff: 1 s doubling to 60 s, no jitter. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0, () -> 0.5);
    }

    /** Returns how long to wait now and doubles the following delay. */
    public Duration nextDelay() {
        Duration base = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        if (jitter == 0) {
            return base;
        }
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        Duration jittered = Duration.ofNanos((long) (base.toNanos() * factor));
        return jittered.compareTo(max) > 0 ? max : jittered;
    }

    /** Called after a success. */
    public void reset() {
        next = initial;
    }
}
