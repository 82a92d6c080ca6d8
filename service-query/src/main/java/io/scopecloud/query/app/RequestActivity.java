package io.scopecloud.query.app;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the last request for an org's API arrived, so that background work meant for idle time (the {@link WarmUp})
 * can stand aside while people are being answered.
 */
public final class RequestActivity {
    private final LongSupplier nanoTime;
    private volatile long lastNanos;

    public RequestActivity() {
        this(System::nanoTime);
    }

    /** With {@code nanoTime} as the clock (tests). */
    RequestActivity(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.lastNanos = nanoTime.getAsLong() - Long.MAX_VALUE / 2;
    }

    /** A request arrived now. */
    void touch() {
        lastNanos = nanoTime.getAsLong();
    }

    /** Whether no request arrived for {@code quiet}. */
    boolean quietFor(Duration quiet) {
        return nanoTime.getAsLong() - lastNanos >= quiet.toNanos();
    }
}
