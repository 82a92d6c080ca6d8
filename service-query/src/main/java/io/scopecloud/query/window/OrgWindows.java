package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The windows of every org this instance owns, keyed by the org's internal id. */
public final class OrgWindows {
    private final Duration window;
    private final Clock clock;
    private final Map<UUID, OrgWindow> windows = new ConcurrentHashMap<>();

    public OrgWindows(Duration window, Clock clock) {
        this.window = requireNonNull(window, "window is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Duration window() {
        return window;
    }

    void add(UUID org, int partition, String probeId, Instant receivedAt, Report report) {
        // compute() is atomic per key, so a concurrent sweep cannot detach the window being added to.
        windows.compute(org, (k, w) -> {
            OrgWindow target = w == null ? new OrgWindow(window) : w;
            target.add(partition, probeId, receivedAt, report);
            return target;
        });
    }

    /** The org's merged view now: an empty report when nothing arrived in the window. */
    public Report merged(UUID org) {
        OrgWindow w = windows.get(org);
        return w == null ? Report.empty() : w.merged(clock.instant());
    }

    /** The probes heard from in the window and when each last reported. */
    public Map<String, Instant> probes(UUID org) {
        return Optional.ofNullable(windows.get(org))
                .map(w -> w.probes(clock.instant()))
                .orElse(Map.of());
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
        Instant now = clock.instant();
        for (UUID org : windows.keySet()) {
            windows.computeIfPresent(org, (k, w) -> w.isEmpty(now) ? null : w);
        }
    }
}
