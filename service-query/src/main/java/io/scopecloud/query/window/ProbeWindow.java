package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.StringPool;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One probe's reports in an org's window, kept as compact bytes (a fraction of their decoded
 * size), plus their merge. Adding a report merges it in; only when a report expires are the rest
 * decoded again. Not thread-safe: {@link OrgWindow} guards it, and runs the costly part of a merge
 * ({@link Merge#run}) outside its lock.
 */
final class ProbeWindow {
    private record Entry(Instant receivedAt, CompactBytes compact) {}

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final List<Report> pending = new ArrayList<>();
    /**
     * The strings of the last rebuilds from bytes ({@link Merge#run}), none until the first; used by one merge at a time:
     * {@link OrgWindow} runs one merge of its probes at a time, and each takes the pool with its {@link Merge}.
     */
    private @Nullable StringPool strings;

    private Report merged = Report.empty();
    private boolean stale;

    void add(Instant receivedAt, CompactBytes compact, Report decoded) {
        entries.addLast(new Entry(receivedAt, compact));
        if (!stale) {
            // a stale window's next merge decodes its bytes again: the decoded form would only be held
            pending.add(decoded);
        }
    }

    /** Drops reports received before {@code oldest}; true when something was dropped. */
    boolean evict(Instant oldest) {
        boolean dropped = false;
        while (!entries.isEmpty() && entries.getFirst().receivedAt().isBefore(oldest)) {
            entries.removeFirst();
            dropped = true;
        }
        if (dropped) {
            markStale();
        }
        return dropped;
    }

    /**
     * The next merge starts again from the bytes, so the decoded reports and the merge so far are dropped now: an org
     * nobody looks at is never merged, and held every report its probes sent, decoded, for as long as they sent them.
     */
    private void markStale() {
        stale = true;
        pending.clear();
        merged = Report.empty();
    }

    /**
     * Lets go of what was kept for the next look: the merge so far and the strings of the last rebuild. For an org
     * nobody looks at, which holds its reports' bytes only.
     */
    void forget() {
        markStale();
        strings = null;
    }

    /** How many strings the window keeps for its next rebuild. */
    int stringsKept() {
        return strings == null ? 0 : strings.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    Instant firstReceived() {
        return entries.getFirst().receivedAt();
    }

    Instant lastReceived() {
        return entries.getLast().receivedAt();
    }

    /**
     * What the next merge of this probe's window needs, taken under the org window's lock and merged outside it ({@link
     * Merge#run}), so that reports keep being added while a big org merges. Reports added after this are left for the
     * next merge.
     */
    Merge take() {
        Merge merge;
        if (stale) {
            List<CompactBytes> all = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                all.add(e.compact());
            }
            if (strings == null) {
                strings = new StringPool();
            }
            merge = new Merge(this, null, all, List.of(), strings);
            stale = false;
        } else {
            merge = new Merge(this, merged, List.of(), pending.isEmpty() ? List.of() : List.copyOf(pending), null);
        }
        pending.clear();
        return merge;
    }

    /**
     * One probe's part of a merge: either its merge so far plus the reports added since, or, once a report expired,
     * every report left in its window, decoded again.
     */
    static final class Merge {
        private final ProbeWindow window;
        private final @Nullable Report base;
        private final List<CompactBytes> compact;
        private final List<Report> added;
        private final @Nullable StringPool strings;

        private Merge(
                ProbeWindow window,
                @Nullable Report base,
                List<CompactBytes> compact,
                List<Report> added,
                @Nullable StringPool strings) {
            this.window = window;
            this.base = base;
            this.compact = compact;
            this.added = added;
            this.strings = strings;
        }

        /** The probe's merged window; the costly part, run without the org window's lock. */
        Report run() {
            if (base == null) {
                // The strings of the merge this replaces, where they are still used: it was promoted long ago, and
                // new copies would be young objects every young collection copies while this merge lives.
                StringPool pool = requireNonNull(strings, "a rebuild takes the window's pool");
                pool.nextRound();
                List<Report> all = new ArrayList<>(compact.size());
                for (CompactBytes c : compact) {
                    all.add(c.decode(pool));
                }
                return Report.mergeAll(all);
            }
            if (added.isEmpty()) {
                return base;
            }
            List<Report> all = new ArrayList<>(added.size() + 1);
            all.add(base);
            all.addAll(added);
            return Report.mergeAll(all);
        }

        /**
         * Keeps {@code result} as the probe's merge so far (under the org window's lock). Reports added since {@link
         * #take} are still pending and go on top next time; an expiry since then marked the window stale, and the next
         * merge starts again from its reports.
         */
        void keep(Report result) {
            if (!window.stale) {
                window.merged = result;
            }
        }

        /** The merge failed: the next one starts again from the probe's reports (under the org window's lock). */
        void failed() {
            window.markStale();
        }
    }
}
