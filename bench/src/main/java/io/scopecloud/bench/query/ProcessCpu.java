package io.scopecloud.bench.query;

import io.scopecloud.bench.ProcStat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU used by named processes and by the whole machine between two readings of {@code /proc}, in
 * percent of one core: which process saturates the machine during a benchmark phase.
 */
final class ProcessCpu {
    private final Map<String, Long> pids;
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private long startMachineBusy;
    private long startNanos;

    ProcessCpu(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    void start() {
        startNanos = System.nanoTime();
        startMachineBusy = ProcStat.machine()[0];
        pids.forEach((name, pid) -> startTicks.put(name, ProcStat.jiffies(pid)));
    }

    /** "name 83%, …, machine 190% of 200%" since {@link #start}. */
    String since() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder out = new StringBuilder();
        pids.forEach((name, pid) -> out.append(String.format(
                Locale.ROOT,
                "%s %.0f%%, ",
                name,
                100 * (ProcStat.jiffies(pid) - startTicks.get(name)) / ProcStat.HZ / seconds)));
        out.append(String.format(
                Locale.ROOT,
                "machine %.0f%% of %d%%",
                100 * (ProcStat.machine()[0] - startMachineBusy) / ProcStat.HZ / seconds,
                100 * Runtime.getRuntime().availableProcessors()));
        return out.toString();
    }
}
