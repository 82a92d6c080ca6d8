package io.scopecloud.control.probe;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link TokenSockets#sweep()} every {@code tenancy.tokenCacheTtl} while the service runs. */
public final class TokenSweep implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(TokenSweep.class);
    private final ScheduledExecutorService timer;
    private final TokenSockets sockets;
    private final long intervalMs;
    private @Nullable ScheduledFuture<?> task;

    public TokenSweep(ScheduledExecutorService timer, TokenSockets sockets, long intervalMs) {
        this.timer = requireNonNull(timer, "timer is null");
        this.sockets = requireNonNull(sockets, "sockets is null");
        this.intervalMs = intervalMs;
    }

    @Override
    public void start() {
        task = timer.scheduleWithFixedDelay(this::sweep, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            sockets.sweep();
        } catch (RuntimeException e) {
            LOG.warn("Checking the tokens of open probe sockets failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }
}
