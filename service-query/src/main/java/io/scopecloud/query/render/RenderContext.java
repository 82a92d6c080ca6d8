package io.scopecloud.query.render;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One merged report being rendered, with the memo of its renders: Scope caches renders per
 * (report ID, renderer); here the cache lives with the report it belongs to, so it goes away with
 * it, and concurrent requests for the same render wait for one computation.
 *
 * <p>What the answers are made of (the nodes of each step of a render) is held only weakly once
 * computed ({@link #memoiseWeakly}): the answers themselves are memoised as they are, and a snapshot
 * that holds every step's nodes until the next merge made them survive each young collection that
 * found it current, copied with it (bench/README.md, "End to end at scale").
 */
public final class RenderContext {
    private final Report report;
    private final Instant now;
    private final ConcurrentHashMap<Object, CompletableFuture<Object>> memo = new ConcurrentHashMap<>();

    public RenderContext(Report report, Instant now) {
        this.report = requireNonNull(report, "report is null");
        this.now = requireNonNull(now, "now is null");
    }

    public Report report() {
        return report;
    }

    /** The time stamped on what rendering adds (counters, the connected mark). */
    public Instant now() {
        return now;
    }

    /** The report topology with Scope's name ("process", "host", ...), if there is one. */
    public Optional<Topology> topology(String name) {
        return TopologyType.fromTopologyName(name).map(report::topology);
    }

    /** Where the value for {@code key} stands: what {@link #memoise} would do with it now. */
    public enum Memo {
        /** Computed: returned at once. */
        READY,
        /** Being computed by another caller: waited for. */
        COMPUTING,
        /** Not computed, or its computation failed: computed by the caller. */
        ABSENT
    }

    public Memo memo(Object key) {
        CompletableFuture<Object> value = memo.get(key);
        if (value == null || value.isCompletedExceptionally()) {
            return Memo.ABSENT;
        }
        return value.isDone() ? Memo.READY : Memo.COMPUTING;
    }

    /** The value for {@code key}, computed once per report however many callers ask at once. */
    @SuppressWarnings("unchecked")
    public <T> T memoise(Object key, Supplier<T> compute) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> existing = memo.putIfAbsent(key, mine);
        if (existing != null) {
            return (T) existing.join();
        }
        return computeClaimed(key, mine, compute, value -> value);
    }

    /**
     * As {@link #memoise}, for a value that others are computed from: kept while something else holds it (the render
     * in progress that asked for it, another caller), then let go at the next collection; asked again after that, it is
     * computed again. Concurrent callers still wait for one computation. Not for keys {@link #memo} is asked about.
     */
    @SuppressWarnings("unchecked")
    public <T> T memoiseWeakly(Object key, Supplier<T> compute) {
        while (true) {
            CompletableFuture<Object> mine = new CompletableFuture<>();
            CompletableFuture<Object> existing = memo.putIfAbsent(key, mine);
            if (existing == null) {
                return computeClaimed(key, mine, compute, WeakReference::new);
            }
            T value = ((WeakReference<T>) existing.join()).get();
            if (value != null) {
                return value;
            }
            // collected since: whoever removes it first computes it again
            memo.remove(key, existing);
        }
    }

    /**
     * Computes the value of {@code key}, which this caller claimed with {@code mine}, and completes {@code mine} with
     * what the memo holds of it; a failure is not memoised, and those waiting on {@code mine} get it.
     */
    private <T> T computeClaimed(
            Object key, CompletableFuture<Object> mine, Supplier<T> compute, Function<T, Object> held) {
        try {
            T value = compute.get();
            mine.complete(held.apply(value));
            return value;
        } catch (RuntimeException | Error e) {
            memo.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
