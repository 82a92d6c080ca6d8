package io.scopecloud.query.window;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.ReportDecodeException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One probe's reports in an org's window, kept as compact bytes (a fraction of their decoded
 * size), plus their merge. Adding a report merges it in; only when a report expires are the rest
 * decoded again. Not thread-safe: {@link OrgWindow} guards it.
 */
final class ProbeWindow {
    @SuppressWarnings("ArrayRecordComponent") // a value carrier: never compared or hashed
    private record Entry(Instant receivedAt, byte[] compact) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final List<Report> pending = new ArrayList<>();
    private Report merged = Report.empty();
    private boolean stale;

    void add(Instant receivedAt, byte[] compact, Report decoded) {
        entries.addLast(new Entry(receivedAt, compact));
        pending.add(decoded);
    }

    /** Drops reports received before {@code oldest}; true when something was dropped. */
    boolean evict(Instant oldest) {
        boolean dropped = false;
        while (!entries.isEmpty() && entries.getFirst().receivedAt().isBefore(oldest)) {
            entries.removeFirst();
            dropped = true;
        }
        if (dropped) {
            stale = true;
        }
        return dropped;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Instant lastReceived() {
        return entries.getLast().receivedAt();
    }

    /** The merge of this probe's window. */
    Report merged() {
        if (stale) {
            List<Report> all = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                all.add(decode(e.compact()));
            }
            merged = Report.mergeAll(all);
            stale = false;
            pending.clear();
        } else if (!pending.isEmpty()) {
            List<Report> all = new ArrayList<>(pending.size() + 1);
            all.add(merged);
            all.addAll(pending);
            merged = Report.mergeAll(all);
            pending.clear();
        }
        return merged;
    }

    private static Report decode(byte[] compact) {
        try {
            return CompactReportCodec.decode(compact);
        } catch (ReportDecodeException e) {
            // It decoded when it arrived; the bytes are ours and never change.
            throw new IllegalStateException("stored report no longer decodes", e);
        }
    }
}
