package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** The windows of every org this instance owns, keyed by the org's internal id. */
public final class OrgWindows {
    /** Told about every report added, on the consumer thread, and every merge, on the thread that merged. */
    public interface Listener {
        /** Must return at once. */
        void reportAdded(UUID org, boolean shortcut);

        /** An org has a new snapshot, whoever asked for it (a read, a websocket push, a compute ahead). */
        default void merged(UUID org) {}
    }

    /** Told how long each merge of an org's window took, on the thread that asked for it. */
    @FunctionalInterface
    public interface MergeObserver {
        void merged(long nanos);
    }

    private final Duration window;
    private final Duration mergeInterval;
    private final Clock clock;
    private volatile MergeObserver mergeObserver = nanos -> {};
    private final Map<UUID, OrgWindow> windows = new ConcurrentHashMap<>();
    private final CompactChunks chunks = new CompactChunks();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public OrgWindows(Duration window, Duration mergeInterval, Clock clock) {
        this.window = requireNonNull(window, "window is null");
        this.mergeInterval = requireNonNull(mergeInterval, "mergeInterval is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Duration window() {
        return window;
    }

    public Duration mergeInterval() {
        return mergeInterval;
    }

    /** Whether reports arrived after {@code snapshot} was merged (a rate-limited merge left them out). */
    public boolean hasNewerThan(UUID org, OrgSnapshot snapshot) {
        OrgWindow w = windows.get(org);
        return w != null && w.isNewerThan(snapshot.version());
    }

    /**
     * How long a snapshot of the org that holds every report so far stays the newest, as a read at a random moment finds
     * it: the gap between the org's reports, size-biased ({@link ReportGaps}); zero before two reports.
     */
    public Duration reportGap(UUID org) {
        OrgWindow w = windows.get(org);
        return Duration.ofNanos(w == null ? 0 : w.reportGapNanos());
    }

    /** Where merge durations go; set before the first report arrives. */
    public void observeMerges(MergeObserver observer) {
        this.mergeObserver = requireNonNull(observer, "observer is null");
    }

    public void addListener(Listener listener) {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    /**
     * Adds one report; {@code compact} is its Kafka payload, kept (copied into a {@link CompactChunks} chunk) instead of
     * the decoded form.
     */
    public void add(
            UUID org, int partition, String probeId, java.time.Instant receivedAt, byte[] compact, Report report) {
        // compute() is atomic per key, so a concurrent sweep cannot detach the window being added to.
        windows.compute(org, (k, w) -> {
            OrgWindow target =
                    w == null ? new OrgWindow(window, mergeInterval, clock.instant(), nanos -> merged(org, nanos)) : w;
            target.add(partition, probeId, receivedAt, clock.instant(), chunks.keep(compact), report);
            return target;
        });
        for (Listener l : listeners) {
            l.reportAdded(org, report.shortcut());
        }
    }

    private void merged(UUID org, long nanos) {
        mergeObserver.merged(nanos);
        for (Listener l : listeners) {
            l.merged(org);
        }
    }

    /** The org's merged view now: empty when nothing arrived in the window. */
    public OrgSnapshot snapshot(UUID org) {
        OrgWindow w = windows.get(org);
        return w == null ? OrgSnapshot.empty(clock.instant()) : w.snapshot(clock.instant());
    }

    /**
     * For a read: the org's merged view as {@link #snapshot}, except that while another thread merges the org's
     * window, the newest snapshot there is, at once ({@link OrgWindow#snapshotWithoutWaiting}).
     */
    public OrgSnapshot snapshotWithoutWaiting(UUID org) {
        OrgWindow w = windows.get(org);
        return w == null ? OrgSnapshot.empty(clock.instant()) : w.snapshotWithoutWaiting(clock.instant());
    }

    /**
     * For a read that can use a snapshot only with its answer {@code ready}: the org's newest such snapshot as it is,
     * the current one or the one before, if merged at most {@code maxAge} ago and no shortcut report waits ({@link
     * OrgWindow#recentSnapshot}); else none, and why.
     */
    public RecentSnapshot recentSnapshot(UUID org, Duration maxAge, Predicate<OrgSnapshot> ready) {
        OrgWindow w = windows.get(org);
        return w == null
                ? RecentSnapshot.none(RecentSnapshot.Found.NOTHING)
                : w.recentSnapshot(clock.instant(), maxAge, ready);
    }

    public Report merged(UUID org) {
        return snapshot(org).report();
    }

    /** The probes heard from in the window and when each last reported. */
    public Map<String, java.time.Instant> probes(UUID org) {
        return Optional.ofNullable(windows.get(org))
                .map(w -> w.probes(clock.instant()))
                .orElse(Map.of());
    }

    public int orgCount() {
        return windows.size();
    }

    /** Probes heard from in the window, over all orgs this instance holds. */
    public int probeCount() {
        java.time.Instant now = clock.instant();
        int count = 0;
        for (OrgWindow w : windows.values()) {
            count += w.probeCount(now);
        }
        return count;
    }

    /** Forgets the orgs of partitions this instance no longer owns. */
    void dropPartitions(Collection<Integer> partitions) {
        Set<Integer> gone = Set.copyOf(partitions);
        for (UUID org : windows.keySet()) {
            windows.computeIfPresent(org, (k, w) -> gone.contains(w.partition()) ? null : w);
        }
    }

    /** Forgets orgs with nothing in their window, so idle tenants cost no memory. */
    void sweep() {
        java.time.Instant now = clock.instant();
        for (UUID org : windows.keySet()) {
            windows.computeIfPresent(org, (k, w) -> w.isEmpty(now) ? null : w);
        }
    }
}
