package io.scopecloud.control.routing;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.scopecloud.control.probe.ProbeConnectionDao;
import io.scopecloud.control.probe.RegistryNotices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the probe registry's notices ({@code LISTEN} on {@link ProbeConnectionDao#CHANNEL}) on a connection of its
 * own, outside the pool, and tells {@link ProbeWhereabouts} which probes to forget. While the connection is down,
 * {@link ProbeWhereabouts} remembers nothing; the listener reconnects every {@code retry} and checks a quiet
 * connection is alive every {@code probeEvery}.
 */
public final class RegistryListener implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryListener.class);
    private static final int WAIT_MS = 500;

    /** Opens a new connection to the registry's database. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource source;
    private final ProbeWhereabouts whereabouts;
    private final Duration retry;
    private final Duration probeEvery;
    private final Thread thread;
    private volatile boolean running;
    private volatile @Nullable Connection connection;

    public RegistryListener(
            ConnectionSource source, ProbeWhereabouts whereabouts, Duration retry, Duration probeEvery) {
        this.source = requireNonNull(source, "source is null");
        this.whereabouts = requireNonNull(whereabouts, "whereabouts is null");
        this.retry = requireNonNull(retry, "retry is null");
        this.probeEvery = requireNonNull(probeEvery, "probeEvery is null");
        this.thread = new Thread(this::run, "control-registry-listener");
        this.thread.setDaemon(true);
    }

    @Override
    public void start() {
        running = true;
        thread.start();
    }

    @Override
    public void stop() throws InterruptedException {
        running = false;
        closeQuietly(connection);
        thread.interrupt();
        thread.join(5_000);
    }

    private void run() {
        boolean warned = false;
        while (running) {
            try (Connection c = source.open()) {
                connection = c;
                listen(c);
                warned = false;
            } catch (SQLException | RuntimeException e) {
                if (running && !warned) {
                    LOG.warn(
                            "Not hearing the probe registry's notices ({}); every control call reads the registry"
                                    + " until they are heard again, retrying every {} ms",
                            e.toString(),
                            retry.toMillis());
                    warned = true;
                }
            } finally {
                whereabouts.hearing(false);
                connection = null;
            }
            if (running) {
                try {
                    TimeUnit.MILLISECONDS.sleep(retry.toMillis());
                } catch (InterruptedException e) {
                    if (!running) {
                        return;
                    }
                }
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + ProbeConnectionDao.CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        whereabouts.hearing(true);
        LOG.info("Hearing the probe registry's notices");
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] notices = pg.getNotifications(WAIT_MS);
            if (notices != null && notices.length > 0) {
                for (PGNotification notice : notices) {
                    RegistryNotices.parse(notice.getParameter())
                            .ifPresentOrElse(whereabouts::forget, whereabouts::forgetAll);
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > probeEvery.toNanos()) {
                if (!c.isValid((int) Math.max(1, probeEvery.toSeconds()))) {
                    throw new SQLException("the listening connection stopped answering");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private static void closeQuietly(@Nullable Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing the listening connection: {}", e.toString());
        }
    }
}
