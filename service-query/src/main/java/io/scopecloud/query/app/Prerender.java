package io.scopecloud.query.app;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scopecloud.query.render.RenderContext;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges an org's window and computes the reads its viewers asked in the last {@link #RECENT} as soon as a report
 * arrives, on one background thread, so that the next request finds the new snapshot's bytes ready instead of paying
 * the merge and the render (docs/adr/0019). What nobody asked recently is left to be computed on demand, and so is a
 * read whose next ask, by its cadence ({@link ReadCadence}), will find a newer snapshot than this one. A snapshot lasts
 * until a merge after the next report: two merge intervals in an org whose reports flow all the time, where a view
 * polled every 3 s is computed for the snapshots just before its poll, not for the eleven before them; the gap between
 * the org's reports in one that reports seldom or in bursts, where the snapshot after the reports is computed for the
 * polls that come before the next ones. A snapshot
 * another thread merged (a websocket push, a read) has the reads due computed for it at once: those are the snapshots
 * the next reads find.
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
    /** Orgs with a compute scheduled after a report. */
    private final Set<UUID> pending = ConcurrentHashMap.newKeySet();
    /** Orgs with a compute on its way for a snapshot another thread merged. */
    private final Set<UUID> pendingMerged = ConcurrentHashMap.newKeySet();

    private volatile @Nullable Thread computing;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "query-prerender");
        t.setDaemon(true);
        computing = t;
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
        // at least: the answer computed now is current until the next merge, and the one after may be late
        this.leadNanos = 2 * windows.mergeInterval().toNanos();
    }

    @Override
    public void reportAdded(UUID org, boolean shortcut) {
        if (pending.add(org)) {
            thread.schedule(
                    () -> {
                        pending.remove(org);
                        compute(org);
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A new snapshot, merged by whoever asked first. A websocket push or a read merges an org's window as often as a
     * report's compute does: the reads about to come find that snapshot, not the one computed after the report, so
     * the reads due are computed for it at once (the compute's own merges need nothing more).
     */
    @Override
    public void merged(UUID org) {
        if (Thread.currentThread() != computing && pendingMerged.add(org)) {
            thread.execute(() -> {
                pendingMerged.remove(org);
                compute(org);
            });
        }
    }

    private void compute(UUID org) {
        try {
            long now = System.nanoTime();
            long lead = lead(org);
            Map<SharedJson.Key, SharedJson.Known> due = new HashMap<>();
            json.forEachRecent(org, now - RECENT.toNanos(), (key, known) -> {
                if (known.dueWithin(lead)) {
                    due.put(key, known);
                }
            });
            if (due.isEmpty()) {
                // nobody is about to ask: whoever asks next merges (a websocket, a read), and a report schedules us
                // again
                return;
            }
            OrgSnapshot snapshot = windows.snapshot(org);
            if (windows.hasNewerThan(org, snapshot)) {
                // reports are still coming (a burst, or an org reporting all the time): this snapshot lasts until the
                // next merge, so only the reads due by then are computed for it; the reports' compute comes next
                reportAdded(org, false);
                due.values().removeIf(known -> !known.dueWithin(leadNanos));
            }
            int absent = 0;
            for (Map.Entry<SharedJson.Key, SharedJson.Known> read : due.entrySet()) {
                SharedJson.Key key = read.getKey();
                if (json.memo(snapshot, key.path(), key.query()) != RenderContext.Memo.ABSENT) {
                    // computed already for this snapshot (an earlier compute, a read), or being computed
                    continue;
                }
                absent++;
                SharedJson.Known known = read.getValue();
                try {
                    json.answer(snapshot, key.path(), key.query(), known.gzipWanted() ? "gzip" : null, known.body());
                } catch (RuntimeException e) {
                    // e.g. a node that is gone: the next request for it is answered (404) by the full path
                }
            }
            computed.increment(absent);
        } catch (RuntimeException e) {
            LOG.warn("could not compute the recent reads of org {} ahead: {}", org, e.toString());
        }
    }

    /**
     * How far ahead a read's next ask may be for the answer computed now to be the one it finds, if the snapshot holds
     * every report so far: until the org's next report, as the gaps between its reports show ({@link
     * OrgWindows#reportGap}), and at least two merge intervals (the snapshot computed now is current until the next
     * merge, and the one after may be late). A snapshot with reports already waiting for the next merge gets only the
     * two merge intervals.
     */
    private long lead(UUID org) {
        return Math.min(
                RECENT.toNanos(), Math.max(leadNanos, windows.reportGap(org).toNanos()));
    }

    @Override
    public void stop() {
        thread.shutdownNow();
    }
}
