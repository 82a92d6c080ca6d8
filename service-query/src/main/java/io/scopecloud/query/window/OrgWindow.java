package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One org's reports of the last window, per probe, and their merge. The merged snapshot is
 * rebuilt at most once per {@code mergeInterval} however often reports arrive (a shortcut report
 * forces it), and cached by version, so any number of viewers cost one merge per change.
 *
 * <p>Thread-safe: the consumer thread adds while request threads read. Two locks: {@code state}
 * guards the probes' windows and is held only for quick steps (adding a report, expiring old ones,
 * taking what a merge needs); {@code merging} lets one merge run at a time, and the merge itself
 * (decoding, merging, the render context) holds only that one. So the consumer thread, which adds
 * every org's reports of its partitions in turn, never waits for a big org's merge: it did, and
 * every small org behind it in the partition waited too (bench/README.md, "End to end at scale").
 * Nor need a read: {@link #snapshotWithoutWaiting} answers from the snapshot there is while another
 * thread merges the next.
 *
 * <p>Only orgs someone looks at are merged. One nobody has looked at for a window holds its reports' compact bytes and
 * nothing decoded: its last snapshot (with the renders memoised on it) is let go, and so are its probes' decoded reports,
 * merges and the strings kept for their next rebuild; the next look merges again from the bytes.
 */
final class OrgWindow {
    private final Duration window;
    private final Duration mergeInterval;
    private final Object state = new Object();
    private final ReentrantLock merging = new ReentrantLock();
    private final Map<String, ProbeWindow> byProbe = new HashMap<>();
    private long version;
    private int partition = -1;
    private boolean forceMerge;
    private final ReportGaps gaps = new ReportGaps();
    private final OrgWindows.MergeObserver observer;
    private volatile OrgSnapshot snapshot;
    /**
     * The snapshot before {@code snapshot}, for reads whose answer the newest does not have yet; weakly, as it is only
     * worth having while its answers are held anyway (a read or a push still using it).
     */
    private volatile WeakReference<OrgSnapshot> previous = new WeakReference<>(null);
    /** When the first report the published snapshot lacks arrived here; null while it lacks none. */
    private @Nullable Instant missingSince;
    /** When the first report added since the last merge took the window arrived here; null while none. */
    private @Nullable Instant addedSinceTake;
    /** When the first report the published snapshot holds leaves the window. */
    private Instant firstExpiry = Instant.MAX;

    OrgWindow(Duration window, Duration mergeInterval, Instant now, OrgWindows.MergeObserver observer) {
        this.window = requireNonNull(window, "window is null");
        this.mergeInterval = requireNonNull(mergeInterval, "mergeInterval is null");
        this.observer = requireNonNull(observer, "observer is null");
        this.snapshot = OrgSnapshot.empty(now);
    }

    /**
     * Adds a report received (by ingest) at {@code receivedAt}, which places it in the window, and {@code arrivedAt}
     * here, from which on the snapshot lacks it.
     */
    void add(
            int partition, String probeId, Instant receivedAt, Instant arrivedAt, CompactBytes compact, Report report) {
        synchronized (state) {
            if (missingSince == null) {
                missingSince = arrivedAt;
            }
            if (addedSinceTake == null) {
                addedSinceTake = arrivedAt;
            }
            this.partition = partition;
            byProbe.computeIfAbsent(probeId, k -> new ProbeWindow()).add(receivedAt, compact, report);
            version++;
            gaps.reported(System.nanoTime());
            if (report.shortcut()) {
                forceMerge = true;
            }
        }
    }

    int partition() {
        synchronized (state) {
            return partition;
        }
    }

    /** The merged, upgraded view, without part-merged delta nodes; at most {@code mergeInterval} old. */
    OrgSnapshot snapshot(Instant now) {
        merging.lock();
        try {
            return merge(now);
        } finally {
            merging.unlock();
        }
    }

    /**
     * As {@link #snapshot}, but while another thread merges, the snapshot there is, at once: a read that came before
     * that merge ends gets what was the newest when it came, instead of waiting for the merge (tens of milliseconds in
     * an org of thousands of nodes) and then finding the new snapshot's answer not computed yet. Before the first merge
     * (or after one nobody looked at for a window) there is nothing to answer from, and it waits.
     */
    OrgSnapshot snapshotWithoutWaiting(Instant now) {
        if (!merging.tryLock()) {
            OrgSnapshot current = snapshot;
            if (current.version() != 0) {
                return current;
            }
            merging.lock();
        }
        try {
            return merge(now);
        } finally {
            merging.unlock();
        }
    }

    /**
     * For a read that can use a snapshot only with its answer {@code ready}: the newest such snapshot, without merging
     * even when a merge is due, of the current one, if it was exact (every report of the window, nothing that has left
     * it) at most {@code maxAge} before {@code now}, and the one before it (while something else holds it), if merged
     * that recently; none when neither is, or when a shortcut report waits (a probe sends one after a control, to show
     * its effect at once), and why. A snapshot of an org whose reports come in bursts is exact until the next burst
     * begins, however long ago it was merged. The reports since are merged and the answer computed in the
     * background ({@code Prerender}): a read that merged them itself then had to compute its answer too, and so did one
     * that came between a merge and the computing of its answer for the new snapshot.
     */
    RecentSnapshot recentSnapshot(Instant now, Duration maxAge, Predicate<OrgSnapshot> ready) {
        OrgSnapshot current;
        Instant exactUntil;
        synchronized (state) {
            current = snapshot;
            if (current.version() == 0) {
                return RecentSnapshot.none(RecentSnapshot.Found.NOTHING);
            }
            if (forceMerge) {
                return RecentSnapshot.none(RecentSnapshot.Found.SHORTCUT_WAITS);
            }
            exactUntil = missingSince != null && missingSince.isBefore(firstExpiry) ? missingSince : firstExpiry;
        }
        Instant oldest = now.minus(maxAge);
        if (exactUntil.isBefore(oldest)) {
            return RecentSnapshot.none(RecentSnapshot.Found.TOO_OLD);
        }
        if (ready.test(current)) {
            return new RecentSnapshot(current, RecentSnapshot.Found.NEWEST);
        }
        // it lacks at least what arrived between its merge and the current one's
        OrgSnapshot before = previous.get();
        if (before != null && !before.mergedAt().isBefore(oldest) && ready.test(before)) {
            return new RecentSnapshot(before, RecentSnapshot.Found.BEFORE);
        }
        return RecentSnapshot.none(RecentSnapshot.Found.NOT_READY);
    }

    /** Under {@code merging}. */
    private OrgSnapshot merge(Instant now) {
        long taken;
        Instant takenExpiry;
        List<ProbeWindow.Merge> merges;
        synchronized (state) {
            evict(now);
            OrgSnapshot current = snapshot;
            if (current.version() == version) {
                return current;
            }
            if (!forceMerge && now.isBefore(current.mergedAt().plus(mergeInterval)) && current.version() != 0) {
                return current;
            }
            taken = version;
            merges = new ArrayList<>(byProbe.size());
            Instant firstReceived = Instant.MAX;
            for (ProbeWindow p : byProbe.values()) {
                merges.add(p.take());
                if (p.firstReceived().isBefore(firstReceived)) {
                    firstReceived = p.firstReceived();
                }
            }
            takenExpiry = firstReceived.equals(Instant.MAX) ? Instant.MAX : firstReceived.plus(window);
            addedSinceTake = null;
            forceMerge = false;
        }
        long start = System.nanoTime();
        List<Report> perProbe = new ArrayList<>(merges.size());
        try {
            for (ProbeWindow.Merge m : merges) {
                perProbe.add(m.run());
            }
        } catch (RuntimeException e) {
            synchronized (state) {
                merges.forEach(ProbeWindow.Merge::failed);
            }
            throw e;
        }
        synchronized (state) {
            for (int i = 0; i < merges.size(); i++) {
                merges.get(i).keep(perProbe.get(i));
            }
        }
        Report merged = Report.mergeAll(perProbe).upgrade().withoutPartMergedNodes();
        OrgSnapshot next = new OrgSnapshot(taken, now, new io.scopecloud.query.render.RenderContext(merged, now));
        synchronized (state) {
            OrgSnapshot before = snapshot;
            previous = before.version() == 0 ? new WeakReference<>(null) : new WeakReference<>(before);
            snapshot = next;
            // what arrived while this merge ran is still missing from it
            missingSince = addedSinceTake;
            firstExpiry = takenExpiry;
        }
        observer.merged(System.nanoTime() - start);
        return next;
    }

    /** How long a snapshot holding every report so far stays the newest, as a read finds it ({@link ReportGaps}). */
    long reportGapNanos() {
        synchronized (state) {
            return gaps.sizeBiasedNanos();
        }
    }

    /** Whether reports arrived since the snapshot was taken. */
    boolean isNewerThan(long snapshotVersion) {
        synchronized (state) {
            return version != snapshotVersion;
        }
    }

    /** How many probes sent a report in the window. */
    int probeCount(Instant now) {
        synchronized (state) {
            evict(now);
            return byProbe.size();
        }
    }

    /** The probes that sent a report in the window, with the time of their latest. */
    Map<String, Instant> probes(Instant now) {
        synchronized (state) {
            evict(now);
            Map<String, Instant> probes = new HashMap<>();
            byProbe.forEach((id, p) -> probes.put(id, p.lastReceived()));
            return probes;
        }
    }

    boolean isEmpty(Instant now) {
        synchronized (state) {
            evict(now);
            return byProbe.isEmpty();
        }
    }

    /** Under {@code state}. */
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
        OrgSnapshot current = snapshot;
        if (current.version() != 0 && current.mergedAt().isBefore(oldest)) {
            // nobody looked for a window: the next look merges again, so the merge and its renders need not be held
            snapshot = OrgSnapshot.empty(now);
            previous = new WeakReference<>(null);
            byProbe.values().forEach(ProbeWindow::forget);
        }
    }

    /** How many strings the org's probe windows keep for their next rebuild. */
    int stringsKept() {
        synchronized (state) {
            return byProbe.values().stream().mapToInt(ProbeWindow::stringsKept).sum();
        }
    }
}
