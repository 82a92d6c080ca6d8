package io.scopecloud.ops;

import java.util.concurrent.TimeUnit;

/**
 * The pace of one request body as its client sends it. Only the time the server spends waiting
 * for bytes that have not arrived yet counts (from a read that found nothing to the arrival of
 * the next chunk), so a server that reads late (a pause, a busy thread, a filter that reads part
 * of the body and then asks the database) never makes its client look slow. Once the body's last
 * chunk has arrived, nothing fails. Times are {@link System#nanoTime()} values; not thread-safe
 * on its own ({@link SlowBodyGuard} serialises the calls).
 */
final class BodyPace {
    private static final long NOT_WAITING = Long.MIN_VALUE;

    private final long minBytesPerSecond;
    private final long graceNanos;
    private long bytes;
    private long waitedNanos;
    private long waitingSince = NOT_WAITING;
    private boolean complete;

    /**
     * @param minBytesPerSecond the pace the client must keep over the time waited for it
     * @param graceNanos how long the server waits in all before it judges the pace at all
     */
    BodyPace(long minBytesPerSecond, long graceNanos) {
        if (minBytesPerSecond <= 0 || graceNanos < 0) {
            throw new IllegalArgumentException("the rate must be positive and the grace not negative");
        }
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = graceNanos;
    }

    /** A read found no bytes: the server waits for the client from {@code now}, unless it already does. */
    void waiting(long now) {
        if (waitingSince == NOT_WAITING && !complete) {
            waitingSince = now;
        }
    }

    /** Bytes are there to read (a demand was answered): the wait ends at {@code now}. */
    void woken(long now) {
        if (waitingSince != NOT_WAITING) {
            waitedNanos += Math.max(0, now - waitingSince);
            waitingSince = NOT_WAITING;
        }
    }

    /**
     * A chunk of {@code count} bytes was read at {@code now} ({@code last}: the end of the body).
     *
     * @return whether the client is too slow: waited longer than the grace, and sent less than the
     *     rate over the time waited
     */
    boolean arrived(long count, boolean last, long now) {
        woken(now);
        bytes += count;
        if (last) {
            complete = true;
        }
        return tooSlow();
    }

    boolean tooSlow() {
        if (complete || waitedNanos <= graceNanos) {
            return false;
        }
        // bytes < rate × waited, without overflow for any wait a connection can live
        return bytes < minBytesPerSecond * TimeUnit.NANOSECONDS.toMillis(waitedNanos) / 1_000;
    }

    long waitedNanos() {
        return waitedNanos;
    }

    long bytes() {
        return bytes;
    }
}
