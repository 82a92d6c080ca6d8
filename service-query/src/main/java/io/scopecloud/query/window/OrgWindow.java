package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One org's reports of the last window, per probe, and their merge. The merged snapshot is
 * rebuilt at most once per {@code mergeInterval} however often reports arrive (a shortcut report
 * forces it), and cached by version, so any number of viewers cost one merge per change.
 * Thread-safe: the consumer thread adds while request threads read.
 */
final class OrgWindow {
    private final Duration window;
    private final Duration mergeInterval;
    private final Map<String, ProbeWindow> byProbe = new HashMap<>();
    private long version;
    private int partition = -1;
    private boolean forceMerge;
    private final OrgWindows.MergeObserver observer;
    private OrgSnapshot snapshot;

    OrgWindow(Duration window, Duration mergeInterval, Instant now, OrgWindows.MergeObserver observer) {
        this.window = requireNonNull(window, "window is null");
        this.mergeInterval = requireNonNull(mergeInterval, "mergeInterval is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.snapshot = OrgSnapshot.empty(now);
    }

    synchronized void add(int partition, String probeId, Instant receivedAt, byte[] compact, Report report) {
        this.partition = partition;
        byProbe.computeIfAbsent(probeId, k -> new ProbeWindow()).add(receivedAt, compact, report);
        version++;
        if (report.shortcut()) {
            forceMerge = true;
        }
    }

    synchronized int partition() {
        return partition;
    }

    /** The merged, upgraded view, without part-merged delta nodes; at most {@code mergeInterval} old. */
    synchronized OrgSnapshot snapshot(Instant now) {
        evict(now);
        if (snapshot.version() == version) {
            return snapshot;
        }
        if (!forceMerge && now.isBefore(snapshot.mergedAt().plus(mergeInterval)) && snapshot.version() != 0) {
            return snapshot;
        }
        long start = System.nanoTime();
        List<Report> perProbe = new ArrayList<>(byProbe.size());
        for (ProbeWindow p : byProbe.values()) {
            perProbe.add(p.merged());
        }
        Report merged = Report.mergeAll(perProbe).upgrade().withoutPartMergedNodes();
        snapshot = new OrgSnapshot(version, now, new io.scopecloud.query.render.RenderContext(merged, now));
        forceMerge = false;
        observer.merged(System.nanoTime() - start);
        return snapshot;
    }

    /** Whether reports arrived since the snapshot was taken. */
    synchronized boolean isNewerThan(long snapshotVersion) {
        return version != snapshotVersion;
    }

    /** How many probes sent a report in the window. */
    synchronized int probeCount(Instant now) {
        evict(now);
        return byProbe.size();
    }

    /** The probes that sent a report in the window, with the time of their latest. */
    synchronized Map<String, Instant> probes(Instant now) {
        evict(now);
        Map<String, Instant> probes = new HashMap<>();
        byProbe.forEach((id, p) -> probes.put(id, p.lastReceived()));
        return probes;
    }

    synchronized boolean isEmpty(Instant now) {
        evict(now);
        return byProbe.isEmpty();
    }

    private void evict(Instant now) {
        Instant oldest = now.minus(window);
        boolean changed = false;
        for (Iterator<ProbeWindow> it = byProbe.values().iterator(); it.hasNext(); ) {
            ProbeWindow p = it.next();
            changed |= p.evict(oldest);
            if (p.isEmpty()) {
                it.remove();
            }
        }
        if (changed) {
            version++;
        }
    }
}
