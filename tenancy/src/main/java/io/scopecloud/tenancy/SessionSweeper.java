package io.scopecloud.tenancy;

import io.dropwizard.lifecycle.Managed;
import io.scopecloud.tenancy.account.AccountLinks;
import io.scopecloud.tenancy.session.Sessions;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes expired sessions and account links hourly, so the tables hold only live ones. */
final class SessionSweeper implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSweeper.class);

    private final Sessions sessions;
    private final AccountLinks links;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "session-sweeper");
        t.setDaemon(true);
        return t;
    });

    private volatile @Nullable ScheduledFuture<?> sweeps;

    SessionSweeper(Sessions sessions, AccountLinks links) {
        this.sessions = sessions;
        this.links = links;
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
            int linksRemoved = links.purgeExpired();
            if (removed > 0 || linksRemoved > 0) {
                LOG.info("Removed {} expired sessions and {} expired account links", removed, linksRemoved);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not remove expired sessions: {}", e.toString());
        }
    }
}
