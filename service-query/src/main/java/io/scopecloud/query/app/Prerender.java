package io.scopecloud.query.app;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scopecloud.query.window.OrgSnapshot;
import io.scopecloud.query.window.OrgWindows;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges an org's window and computes the reads its viewers asked in the last {@link #RECENT} as soon as a report
 * arrives, on one background thread, so that the next request finds the new snapshot's bytes ready instead of paying
 * the merge and the render (docs/adr/0019). What nobody asked recently is left to be computed on demand. A read is
 * computed when its next ask, by its cadence ({@link ReadCadence}), is within the next two merges: a view polled every
 * 3 s in a busy org is computed for the snapshots just before its poll, not for the eleven before them, and in an org
 * whose reports are further apart than its polls, at the moment it becomes due rather than when a report arrives.
 */
public final class Prerender implements OrgWindows.Listener, Managed {
    /** A read is computed ahead only if it was asked this recently. */
    static final Duration RECENT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(Prerender.class);

    private final OrgWindows windows;
    private final SharedJson json;
    private final long delayMillis;
    private final long leadNanos;
    private final Counter computed;
    /** Orgs whose compute a report scheduled; orgs waiting for a read to become due ({@link #computeLater}). */
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();

    private final Set<UUID> waiting = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "query-prerender");
        t.setDaemon(true);
        return t;
    });

    Prerender(OrgWindows windows, SharedJson json, MeterRegistry registry) {
        this.windows = requireNonNull(windows, "windows is null");
        this.json = requireNonNull(json, "json is null");
        this.computed = Counter.builder("scope.query.prerendered")
                .description("answers computed ahead of a read, for the reads expected before the next merges")
                .register(registry);
        // a merge sooner than the merge interval after the last one would return the old snapshot
        this.delayMillis = Math.max(1, windows.mergeInterval().toMillis());
        // the answer computed now is current until the next merge, and the one after may be late
        this.leadNanos = 2 * windows.mergeInterval().toNanos();
    }

    @Override
    public void reportAdded(UUID org, boolean shortcut) {
        if (pending.add(org)) {
            thread.schedule(() -> compute(org), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void compute(UUID org) {
        pending.remove(org);
        try {
            long now = System.nanoTime();
            Map<SharedJson.Key, SharedJson.Known> due = new HashMap<>();
            long[] nextDue = {Long.MAX_VALUE};
            json.forEachRecent(org, now - RECENT.toNanos(), (key, known) -> {
                long until = known.nanosUntilDue(now, leadNanos);
                if (until <= 0) {
                    due.put(key, known);
                } else {
                    nextDue[0] = Math.min(nextDue[0], until);
                }
            });
            if (nextDue[0] != Long.MAX_VALUE) {
                // an org whose reports are further apart than its reads: no report may come to wake us in time
                computeLater(org, nextDue[0]);
            }
            if (due.isEmpty()) {
                return;
            }
            OrgSnapshot snapshot = windows.snapshot(org);
            if (windows.hasNewerThan(org, snapshot)) {
                reportAdded(org, false);
            }
            due.forEach((key, known) -> {
                try {
                    json.answer(snapshot, key.path(), key.query(), known.gzipWanted() ? "gzip" : null, known.body());
                } catch (RuntimeException e) {
                    // e.g. a node that is gone: the next request for it is answered (404) by the full path
                }
            });
            computed.increment(due.size());
        } catch (RuntimeException e) {
            LOG.warn("could not compute the recent reads of org {} ahead: {}", org, e.toString());
        }
    }

    /**
     * Computes the org's reads again once the first that is not due yet becomes due, unless a report's compute is on
     * its way by then (it runs within a merge interval, still ahead of the read; in a busy org it always is, and an
     * extra compute there cost a merge per read); one such wait per org.
     */
    private void computeLater(UUID org, long nanos) {
        if (waiting.add(org)) {
            thread.schedule(
                    () -> {
                        waiting.remove(org);
                        if (!pending.contains(org)) {
                            compute(org);
                        }
                    },
                    nanos,
                    TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void stop() {
        thread.shutdownNow();
    }
}
