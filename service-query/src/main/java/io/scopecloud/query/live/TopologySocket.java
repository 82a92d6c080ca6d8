package io.scopecloud.query.live;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.detail.NodeSummary;
import io.scopecloud.query.detail.TopologyDiff;
import io.scopecloud.query.topology.Views;
import io.scopecloud.query.window.HistoricWindows;
import io.scopecloud.query.window.OrgSnapshot;
import io.scopecloud.query.window.OrgWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One UI's topology websocket: sends Scope's diffs every {@code t}, and soon after the org's view
 * changes (at most once per {@code minPush}; at once for a shortcut report). Messages from the
 * browser are ignored, as in Scope.
 *
 * <p>At most one message is on its way at a time: a viewer that reads slower than its view changes
 * (a slow link, a stalled tab) gets, once the last message has gone, one diff from what it was sent
 * to the view as it is then, instead of every intermediate diff queued in this instance's memory.
 */
public final class TopologySocket extends Session.Listener.AbstractAutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(TopologySocket.class);

    private final UUID org;
    private final String topology;
    private final Map<String, List<String>> params;
    private final Censor censor;
    private final Duration interval;
    private final Duration minPush;
    private final OrgWindows windows;
    private final HistoricWindows history;
    private final Optional<Instant> timestamp;
    private final long openedNanos = System.nanoTime();
    private final Views views;
    private final LiveUpdates live;
    private final ScheduledExecutorService scheduler;
    private final ObjectMapper json;
    private @Nullable Map<String, NodeSummary> previous;
    private long sentVersion = -1;
    private long lastSentNanos;
    private @Nullable ScheduledFuture<?> ticker;
    private @Nullable ScheduledFuture<?> soon;
    /** A message is on its way: the next update waits for it (see {@link #sent}). */
    private boolean sending;
    /** An update came while a message was on its way; a tick's, if {@link #owedTick}. */
    private boolean owed;

    private boolean owedTick;

    TopologySocket(
            UUID org,
            String topology,
            Map<String, List<String>> params,
            Duration interval,
            Duration minPush,
            OrgWindows windows,
            HistoricWindows history,
            Views views,
            LiveUpdates live,
            ScheduledExecutorService scheduler,
            ObjectMapper json) {
        this.org = requireNonNull(org, "org is null");
        this.topology = requireNonNull(topology, "topology is null");
        this.params = requireNonNull(params, "params is null");
        this.censor = io.scopecloud.query.app.ApiParams.censor(params);
        this.interval = requireNonNull(interval, "interval is null");
        this.minPush = requireNonNull(minPush, "minPush is null");
        this.windows = requireNonNull(windows, "windows is null");
        this.history = requireNonNull(history, "history is null");
        this.timestamp = io.scopecloud.query.app.ApiParams.timestamp(params);
        this.views = requireNonNull(views, "views is null");
        this.live = requireNonNull(live, "live is null");
        this.scheduler = requireNonNull(scheduler, "scheduler is null");
        this.json = requireNonNull(json, "json is null");
    }

    UUID org() {
        return org;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        live.register(this);
        synchronized (this) {
            ticker = scheduler.scheduleAtFixedRate(() -> update(true), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The org went to another query instance, so this one no longer hears of its reports: close
     * with 1012 (service restart); the UI reconnects, and is forwarded to the new owner.
     */
    void moved() {
        Session session = getSession();
        if (session != null && session.isOpen()) {
            session.close(
                    StatusCode.SERVICE_RESTART, "the org moved to another query instance: reconnect", Callback.NOOP);
        }
    }

    /** The org's window changed: push soon, or now for a shortcut report. */
    synchronized void changed(boolean shortcut) {
        if (soon != null && !soon.isDone()) {
            if (!shortcut) {
                return;
            }
            soon.cancel(false);
        }
        long wait = shortcut ? 0 : Math.max(0, lastSentNanos + minPush.toNanos() - System.nanoTime());
        soon = scheduler.schedule(this::updateSoon, wait, TimeUnit.NANOSECONDS);
    }

    /** A scheduled push: from now on a change may schedule another. */
    private void updateSoon() {
        synchronized (this) {
            soon = null;
        }
        update(false);
    }

    private void update(boolean tick) {
        Session session = getSession();
        if (session == null || !session.isOpen()) {
            return;
        }
        try {
            String text;
            synchronized (this) {
                if (sending) {
                    owed = true;
                    owedTick |= tick;
                    return;
                }
                // Time travel: the rendered instant moves on from the timestamp as the socket lives.
                Optional<Instant> at = timestamp.map(t -> t.plusNanos(System.nanoTime() - openedNanos));
                OrgSnapshot snapshot = history.snapshot(windows, org, at);
                // A snapshot merged at most mergeInterval ago may predate the report that woke
                // us: look again once the next merge is allowed, or the report would wait for
                // the next tick (t=5s in the UI) or for another report.
                if (at.filter(history::isHistoric).isEmpty() && windows.hasNewerThan(org, snapshot)) {
                    retryAfterMerge(snapshot);
                }
                if (!tick && snapshot.version() == sentVersion) {
                    return;
                }
                Map<String, NodeSummary> next = views.summaries(snapshot.context(), topology, params, censor);
                TopologyDiff diff = TopologyDiff.between(previous, next);
                if (!tick && diff.isEmpty()) {
                    sentVersion = snapshot.version();
                    return;
                }
                previous = next;
                sentVersion = snapshot.version();
                lastSentNanos = System.nanoTime();
                text = json.writeValueAsString(diff);
                sending = true;
            }
            session.sendText(text, Callback.from(this::sent, this::notSent));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("Topology websocket for {} failed: {}", topology, e.toString());
            session.close(1011, "cannot render " + topology, Callback.NOOP);
        }
    }

    /** The last message has gone: an update that waited for it runs now. */
    private void sent() {
        boolean tick;
        synchronized (this) {
            sending = false;
            if (!owed) {
                return;
            }
            tick = owedTick;
            owed = false;
            owedTick = false;
        }
        try {
            scheduler.execute(() -> update(tick));
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** The socket broke while sending; Jetty closes it. */
    private void notSent(Throwable cause) {
        synchronized (this) {
            sending = false;
            owed = false;
        }
        LOG.debug("Topology websocket for {} could not send: {}", topology, cause.toString());
    }

    private synchronized void retryAfterMerge(OrgSnapshot snapshot) {
        if (soon != null && !soon.isDone()) {
            return;
        }
        long nextMerge = Duration.between(Instant.now(), snapshot.mergedAt().plus(windows.mergeInterval()))
                .toNanos();
        long wait = Math.max(Math.max(0, nextMerge), lastSentNanos + minPush.toNanos() - System.nanoTime());
        soon = scheduler.schedule(this::updateSoon, wait, TimeUnit.NANOSECONDS);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        stop();
        super.onWebSocketClose(statusCode, reason, callback);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        stop();
        super.onWebSocketError(cause);
    }

    private synchronized void stop() {
        live.unregister(this);
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (soon != null) {
            soon.cancel(false);
        }
    }
}
