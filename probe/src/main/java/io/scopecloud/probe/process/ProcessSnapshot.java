package io.scopecloud.probe.process;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The processes of one spy tick plus what CPU usage needs from the tick before.
 *
 * @param previousByPid the same processes one tick earlier (absent for new processes)
 * @param totalJiffiesDelta jiffies of all CPUs since the previous tick; 0 on the first tick
 * @param cpuCount number of CPUs, so the CPU metric's maximum is {@code cpuCount * 100}
 */
public record ProcessSnapshot(
        Instant at,
        List<ProcessInfo> processes,
        Map<Integer, ProcessInfo> previousByPid,
        long totalJiffiesDelta,
        int cpuCount) {

    public ProcessSnapshot {
        requireNonNull(at, "at is null");
        processes = List.copyOf(requireNonNull(processes, "processes is null"));
        previousByPid = Map.copyOf(requireNonNull(previousByPid, "previousByPid is null"));
    }

    /** An empty snapshot, before the first tick. */
    public static ProcessSnapshot empty(Instant at) {
        return new ProcessSnapshot(at, List.of(), Map.of(), 0, 0);
    }

    /**
     * Scope's per-process CPU percentage: the process's jiffies over all CPUs' jiffies since the
     * previous tick. {@code NaN} when there is no previous reading of this process to compare with.
     */
    public double cpuUsagePercent(ProcessInfo process) {
        ProcessInfo previous = previousByPid.get(process.pid());
        if (previous == null || totalJiffiesDelta <= 0 || process.jiffies() < previous.jiffies()) {
            return Double.NaN;
        }
        return (process.jiffies() - previous.jiffies()) * 100.0 / totalJiffiesDelta;
    }
}
