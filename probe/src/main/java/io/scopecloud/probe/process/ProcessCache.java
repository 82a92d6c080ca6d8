package io.scopecloud.probe.process;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.host.CpuTimes;
import io.scopecloud.probe.proc.ProcFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the processes once per spy tick and keeps the result, so the process reporter and the
 * connection scanner share one walk (Scope's CachingWalker). It also remembers the previous tick,
 * which per-process CPU usage needs.
 */
public final class ProcessCache {
    private final ProcessWalker walker;
    private final Path procRoot;
    private final Clock clock;
    private final ProcFileReader reader = new ProcFileReader();
    private volatile ProcessSnapshot current;
    private Map<Integer, ProcessInfo> lastByPid = Map.of();
    private CpuTimes lastCpu;

    public ProcessCache(ProcessWalker walker, Path procRoot, Clock clock) {
        this.walker = requireNonNull(walker, "walker is null");
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.current = ProcessSnapshot.empty(clock.instant());
    }

    /** Walks /proc again. Called by the spy loop before the reporters run. */
    public void tick() throws IOException {
        CpuTimes cpu = CpuTimes.parse(reader.readAscii(procRoot.resolve("stat")));
        List<ProcessInfo> processes = walker.walk();
        long delta = lastCpu == null ? 0 : cpu.total() - lastCpu.total();
        ProcessSnapshot snapshot =
                new ProcessSnapshot(clock.instant(), processes, lastByPid, Math.max(delta, 0), cpu.cpuCount());
        Map<Integer, ProcessInfo> byPid = new HashMap<>(processes.size() * 2);
        for (ProcessInfo process : processes) {
            byPid.put(process.pid(), process);
        }
        lastByPid = byPid;
        lastCpu = cpu;
        current = snapshot;
    }

    /** The processes of the latest tick. */
    public ProcessSnapshot snapshot() {
        return current;
    }
}
