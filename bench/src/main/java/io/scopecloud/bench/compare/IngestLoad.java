package io.scopecloud.bench.compare;

import io.scopecloud.bench.ProcStat;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * One measured phase of report posts to one app: either {@code connections} posters as fast as each answer comes
 * back ({@code rate} 0), or posts started at a fixed {@code rate} per second spread evenly over the probes and
 * carried by up to {@code connections} connections (latency then counts from when the post was due, so a server
 * that falls behind shows it). CPU is read from {@code /proc} before and after.
 */
final class IngestLoad {
    /** Thread-name prefixes of the JVM's threads, grouped in the CPU figures (anything else is "other"). */
    static final List<String> THREAD_GROUPS =
            List.of("dw-", "kafka-producer-", "GC Thread", "G1 ", "C1 CompilerThre", "C2 CompilerThre");

    private final HttpClient http;
    private final List<ProbePoster> probes;
    private final int connections;
    private final double rate;

    IngestLoad(HttpClient http, List<ProbePoster> probes, int connections, double rate) {
        this.http = http;
        this.probes = List.copyOf(probes);
        this.connections = connections;
        this.rate = rate;
    }

    /** What one phase did, and what it cost. */
    record Result(
            String app,
            double seconds,
            long ok,
            Map<Integer, Long> refused,
            Timings latency,
            double processCores,
            Map<String, Double> threadCores,
            double otherCores,
            double machineBusy,
            double clientCores,
            String load) {
        double perSecond() {
            return ok / seconds;
        }

        String line() {
            StringBuilder threads = new StringBuilder();
            threadCores.forEach((k, v) -> threads.append(String.format(Locale.ROOT, " %s %.2f", k.strip(), v)));
            return String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.1f / %.1f ms | %.2f | %s | %.2f | %.0f %% | %.2f | %s | %s |",
                    app,
                    perSecond(),
                    latency.percentileMillis(50),
                    latency.percentileMillis(99),
                    processCores,
                    threads.toString().strip(),
                    otherCores,
                    machineBusy * 100,
                    clientCores,
                    refused.isEmpty() ? "none" : refused.toString(),
                    load);
        }
    }

    /**
     * Runs for {@code seconds}. {@code pid} is the app's process (its threads are grouped when {@code threads});
     * {@code others} are more processes to account apart (PostgreSQL's, say).
     */
    Result run(String app, double seconds, long pid, boolean threads, List<Long> others) throws InterruptedException {
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Timings latency = new Timings();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long[] machine0 = ProcStat.machine();
        long process0 = ProcStat.jiffies(List.of(pid));
        Map<String, Long> threads0 = threads ? ProcStat.threadJiffies(pid, THREAD_GROUPS) : Map.of();
        long others0 = ProcStat.jiffies(others);
        long client0 = ProcStat.jiffies(List.of(ProcessHandle.current().pid()));
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        if (rate <= 0) {
            for (int c = 0; c < connections; c++) {
                ProbePoster probe = probes.get(c % probes.size());
                pool.execute(() -> {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        int status = postOnce(probe);
                        record(statuses, latency, status, System.nanoTime() - t);
                    }
                });
            }
        } else {
            AtomicLong behind = new AtomicLong();
            long interval = (long) (1e9 / rate);
            for (long k = 0; ; k++) {
                long due = start + k * interval;
                if (due >= end) {
                    break;
                }
                LockSupport.parkNanos(due - System.nanoTime());
                ProbePoster probe = probes.get((int) (k % probes.size()));
                behind.incrementAndGet();
                pool.execute(() -> {
                    int status = postOnce(probe);
                    record(statuses, latency, status, System.nanoTime() - due);
                    behind.decrementAndGet();
                });
                if (behind.get() > 50L * connections) {
                    System.err.println(app + " fell behind by " + behind.get() + " posts; stopping this phase");
                    break;
                }
            }
        }
        pool.shutdown();
        if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(app + " did not answer the last posts within 120 s");
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] machine1 = ProcStat.machine();
        Map<String, Double> threadCores = new TreeMap<>();
        if (threads) {
            Map<String, Long> threads1 = ProcStat.threadJiffies(pid, THREAD_GROUPS);
            threads1.forEach((k, v) -> threadCores.put(k, cores(v - threads0.getOrDefault(k, 0L), elapsed)));
        }
        long ok = statuses.getOrDefault(200, new LongAdder()).sum();
        Map<Integer, Long> refused = new TreeMap<>();
        statuses.forEach((k, v) -> {
            if (k != 200) {
                refused.put(k, v.sum());
            }
        });
        return new Result(
                app,
                elapsed,
                ok,
                refused,
                latency,
                cores(ProcStat.jiffies(List.of(pid)) - process0, elapsed),
                threadCores,
                cores(ProcStat.jiffies(others) - others0, elapsed),
                (double) (machine1[0] - machine0[0]) / (machine1[1] - machine0[1]),
                cores(ProcStat.jiffies(List.of(ProcessHandle.current().pid())) - client0, elapsed),
                ProcStat.loadAverage());
    }

    private int postOnce(ProbePoster probe) {
        try {
            return probe.post(http);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void record(Map<Integer, LongAdder> statuses, Timings latency, int status, long nanos) {
        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
        synchronized (latency) {
            latency.add(nanos);
        }
    }

    private static double cores(long jiffies, double seconds) {
        return jiffies / ProcStat.HZ / seconds;
    }
}
