package io.scopecloud.control.probe;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a control connection is kept: a ping every {@code pingInterval}; the connection is dropped
 * when nothing (no pong, no frame) was heard for {@code pongTimeout}; messages up to
 * {@code maxMessageBytes}.
 */
public record SocketSettings(Duration pingInterval, Duration pongTimeout, long maxMessageBytes) {
    public SocketSettings {
        requireNonNull(pingInterval, "pingInterval is null");
        requireNonNull(pongTimeout, "pongTimeout is null");
        if (pingInterval.isZero() || pingInterval.isNegative() || pongTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("need 0 < pingInterval < pongTimeout");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1 KiB");
        }
    }
}
