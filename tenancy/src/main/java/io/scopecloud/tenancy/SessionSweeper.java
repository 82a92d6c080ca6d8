package io.scopecloud.tenancy;

import io.dropwizard.lifecycle.Managed;
import io.scopecloud.tenancy.session.Sessions;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired sessions hourly, so the table holds only live ones. */
final class SessionSweeper implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweeper.class);

    private final Sessions sessions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "session-sweeper");
        t.setDaemon(true);
        return t;
    });

    private volatile @Nullable ScheduledFuture<?> sweeps;

    SessionSweeper(Sessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void start() {
        sweeps = timer.scheduleWithFixedDelay(this::sweep, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> s = sweeps;
        if (s != null) {
            s.cancel(false);
        }
        timer.shutdownNow();
    }

    private void sweep() {
        try {
            int removed = sessions.purgeExpired();
            if (removed > 0) {
                LOG.info("Removed {} expired sessions", removed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not remove expired sessions: {}", e.toString());
        }
    }
}
