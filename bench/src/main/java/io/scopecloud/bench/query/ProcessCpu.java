package io.scopecloud.bench.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU used by named processes and by the whole machine between two readings of {@code /proc}, in
 * percent of one core: which process saturates the machine during a benchmark phase.
 */
final class ProcessCpu {
    /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private final Map<String, Long> pids;
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private long startMachineBusy;
    private long startNanos;

    ProcessCpu(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    void start() {
        startNanos = System.nanoTime();
        startMachineBusy = machineBusyTicks();
        pids.forEach((name, pid) -> startTicks.put(name, ticks(pid)));
    }

    /** "name 83%, …, machine 190% of 200%" since {@link #start}. */
    String since() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder out = new StringBuilder();
        pids.forEach((name, pid) -> out.append(
                String.format("%s %.0f%%, ", name, 100 * (ticks(pid) - startTicks.get(name)) / TICKS / seconds)));
        out.append(String.format(
                "machine %.0f%% of %d%%",
                100 * (machineBusyTicks() - startMachineBusy) / TICKS / seconds,
                100 * Runtime.getRuntime().availableProcessors()));
        return out.toString();
    }

    /** utime + stime of one process; 0 once it is gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces: fields are counted after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Every core's non-idle ticks (user, nice, system, irq, softirq, steal). */
    private static long machineBusyTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+", -1);
            return Long.parseLong(f[1])
                    + Long.parseLong(f[2])
                    + Long.parseLong(f[3])
                    + Long.parseLong(f[6])
                    + Long.parseLong(f[7])
                    + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
