package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One org's reports of the last window, per probe, and their merge. The merge is cached by
 * version, so any number of viewers cost one merge per change. Thread-safe: the consumer thread
 * adds while request threads read; the merge itself runs outside the lock.
 */
final class OrgWindow {
    private final Duration window;
    private final Map<String, ArrayDeque<Entry>> byProbe = new HashMap<>();
    private long version;
    private long mergedVersion = -1;
    private Report merged = Report.empty();
    private int partition = -1;

    OrgWindow(Duration window) {
        this.window = requireNonNull(window, "window is null");
    }

    synchronized void add(int partition, String probeId, Instant receivedAt, Report report) {
        this.partition = partition;
        byProbe.computeIfAbsent(probeId, k -> new ArrayDeque<>()).addLast(new Entry(receivedAt, report));
        version++;
    }

    synchronized int partition() {
        return partition;
    }

    /** The merged, upgraded view at {@code now}, without part-merged delta nodes. */
    Report merged(Instant now) {
        List<Report> reports;
        long at;
        synchronized (this) {
            evict(now);
            if (mergedVersion == version) {
                return merged;
            }
            reports = new ArrayList<>();
            byProbe.values().forEach(entries -> entries.forEach(e -> reports.add(e.report())));
            at = version;
        }
        Report result = Report.mergeAll(reports).upgrade().withoutPartMergedNodes();
        synchronized (this) {
            if (at >= mergedVersion) {
                merged = result;
                mergedVersion = at;
            }
        }
        return result;
    }

    /** The probes that sent a report in the window, with the time of their latest. */
    synchronized Map<String, Instant> probes(Instant now) {
        evict(now);
        Map<String, Instant> probes = new HashMap<>();
        byProbe.forEach((id, entries) -> probes.put(id, entries.getLast().receivedAt()));
        return probes;
    }

    synchronized boolean isEmpty(Instant now) {
        evict(now);
        return byProbe.isEmpty();
    }

    private void evict(Instant now) {
        Instant oldest = now.minus(window);
        boolean changed = false;
        for (Iterator<ArrayDeque<Entry>> it = byProbe.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Entry> entries = it.next();
            while (!entries.isEmpty() && entries.getFirst().receivedAt().isBefore(oldest)) {
                entries.removeFirst();
                changed = true;
            }
            if (entries.isEmpty()) {
                it.remove();
            }
        }
        if (changed) {
            version++;
        }
    }

    private record Entry(Instant receivedAt, Report report) {}
}
