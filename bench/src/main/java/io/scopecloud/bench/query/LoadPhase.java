package io.scopecloud.bench.query;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What one measured phase of the freshness benchmark saw: per org, freshness and read latencies. */
final class LoadPhase {
    final String name;
    final Map<Integer, List<Long>> freshness = new ConcurrentHashMap<>();
    final Map<Integer, AtomicLong> lost = new ConcurrentHashMap<>();
    /** Read latencies by org, then by view. */
    final Map<Integer, Map<String, List<Long>>> reads = new ConcurrentHashMap<>();

    final AtomicLong failedReads = new AtomicLong();
    final AtomicLong skippedReads = new AtomicLong();
    /** Watching websockets the service closed (1012 when an org moves), each opened again after a second. */
    final AtomicLong socketsReopened = new AtomicLong();

    final AtomicLong posts = new AtomicLong();
    final AtomicLong failedPosts = new AtomicLong();
    /** Why posts failed: an HTTP status, or the client's exception. */
    final Map<String, AtomicLong> postFailures = new ConcurrentHashMap<>();
    /** Each post's time from its send to its answer (or failure), as the load's client saw it. */
    final List<Long> postTimes = Collections.synchronizedList(new ArrayList<>());
    /** The most posts of one org this client had sent and not yet seen answered at once, by org. */
    final Map<Integer, Integer> mostInFlight = new ConcurrentHashMap<>();

    String cpu = "";
    double loadAverage;
    /** The measured span's wall-clock bounds, to find it in a GC log's {@code time} decoration. */
    LocalDateTime startedAt;

    LocalDateTime endedAt;

    LoadPhase(String name) {
        this.name = name;
    }

    /** The samples of {@code a} and {@code b} together, as one phase named {@code name}. */
    static LoadPhase pooled(String name, LoadPhase a, LoadPhase b) {
        LoadPhase both = new LoadPhase(name);
        for (LoadPhase p : List.of(a, b)) {
            p.freshness.forEach((org, l) -> {
                synchronized (l) {
                    l.forEach(n -> both.fresh(org, n));
                }
            });
            p.lost.forEach((org, n) ->
                    both.lost.computeIfAbsent(org, o -> new AtomicLong()).addAndGet(n.get()));
            p.reads.forEach((org, views) -> views.forEach((view, l) -> {
                synchronized (l) {
                    l.forEach(n -> both.read(org, view, n));
                }
            }));
            both.failedReads.addAndGet(p.failedReads.get());
            both.skippedReads.addAndGet(p.skippedReads.get());
            both.socketsReopened.addAndGet(p.socketsReopened.get());
            both.posts.addAndGet(p.posts.get());
            both.failedPosts.addAndGet(p.failedPosts.get());
            p.postFailures.forEach((why, n) -> both.postFailures
                    .computeIfAbsent(why, w -> new AtomicLong())
                    .addAndGet(n.get()));
            both.postTimes.addAll(p.postTimes());
            p.mostInFlight.forEach(both::inFlight);
        }
        both.cpu = a.cpu + " | " + b.cpu;
        both.loadAverage = (a.loadAverage + b.loadAverage) / 2;
        both.startedAt = a.startedAt;
        both.endedAt = b.endedAt;
        return both;
    }

    void fresh(int org, long nanos) {
        freshness
                .computeIfAbsent(org, o -> Collections.synchronizedList(new ArrayList<>()))
                .add(nanos);
    }

    void inFlight(int org, int now) {
        mostInFlight.merge(org, now, Math::max);
    }

    void posted(long nanos) {
        postTimes.add(nanos);
    }

    /** The posts' times, sorted. */
    List<Long> postTimes() {
        List<Long> all;
        synchronized (postTimes) {
            all = new ArrayList<>(postTimes);
        }
        Collections.sort(all);
        return all;
    }

    void postFailed(String why) {
        failedPosts.incrementAndGet();
        postFailures.computeIfAbsent(why, w -> new AtomicLong()).incrementAndGet();
    }

    void lost(int org) {
        lost.computeIfAbsent(org, o -> new AtomicLong()).incrementAndGet();
    }

    void read(int org, String view, long nanos) {
        reads.computeIfAbsent(org, o -> new ConcurrentHashMap<>())
                .computeIfAbsent(view, v -> Collections.synchronizedList(new ArrayList<>()))
                .add(nanos);
    }

    long lost(Collection<Integer> orgs) {
        return orgs.stream()
                .mapToLong(o -> lost.getOrDefault(o, new AtomicLong()).get())
                .sum();
    }

    /** Freshness of the given orgs, pooled and sorted. */
    List<Long> freshness(Collection<Integer> orgs) {
        List<Long> all = new ArrayList<>();
        for (int o : orgs) {
            List<Long> l = freshness.get(o);
            if (l != null) {
                synchronized (l) {
                    all.addAll(l);
                }
            }
        }
        Collections.sort(all);
        return all;
    }

    /** Read latencies of the given orgs (one view, or every view when null), pooled and sorted. */
    List<Long> reads(Collection<Integer> orgs, String view) {
        List<Long> all = new ArrayList<>();
        for (int o : orgs) {
            for (Map.Entry<String, List<Long>> e :
                    reads.getOrDefault(o, Map.of()).entrySet()) {
                if (view == null || view.equals(e.getKey())) {
                    synchronized (e.getValue()) {
                        all.addAll(e.getValue());
                    }
                }
            }
        }
        Collections.sort(all);
        return all;
    }

    static double percentileMs(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }
}
