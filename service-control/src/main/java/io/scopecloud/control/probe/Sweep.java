package io.scopecloud.control.probe;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a clean-up every interval while the service runs; a failed run is logged and the next one tries again. */
public final class Sweep implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Sweep.class);
    private final ScheduledExecutorService timer;
    private final String what;
    private final Runnable sweep;
    private final long intervalMs;
    private @Nullable ScheduledFuture<?> task;

    /** {@code what} names the work for the log: "checking the tokens of open probe sockets". */
    public Sweep(ScheduledExecutorService timer, String what, Runnable sweep, long intervalMs) {
        this.timer = requireNonNull(timer, "timer is null");
        this.what = requireNonNull(what, "what is null");
        this.sweep = requireNonNull(sweep, "sweep is null");
        this.intervalMs = intervalMs;
    }

    @Override
    public void start() {
        task = timer.scheduleWithFixedDelay(this::run, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            sweep.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.toString());
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
