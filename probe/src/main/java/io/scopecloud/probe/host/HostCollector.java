package io.scopecloud.probe.host;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.proc.ProcFileReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Reads the host's kernel, uptime, load, CPU and memory from a proc root. It keeps the previous
 * {@code /proc/stat} reading so CPU usage is the share of the time since the previous call; the
 * first call reports the average since boot, as Scope's probe does.
 *
 * <p>Called from the spy loop only, so not thread-safe.
 */
public final class HostCollector {
    private final Path procRoot;
    private final LocalNetworks localNetworks;
    private final Clock clock;
    private final ProcFileReader reader = new ProcFileReader();
    private CpuTimes previousCpu = CpuTimes.ZERO;

    public HostCollector(Path procRoot, LocalNetworks localNetworks, Clock clock) {
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
        this.localNetworks = requireNonNull(localNetworks, "localNetworks is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public HostSample collect() throws IOException {
        String release =
                reader.readAscii(procRoot.resolve("sys/kernel/osrelease")).trim();
        String version =
                reader.readAscii(procRoot.resolve("sys/kernel/version")).trim();
        long uptime = Uptime.parseSeconds(reader.readAscii(procRoot.resolve("uptime")));
        LoadAverage load = LoadAverage.parse(reader.readAscii(procRoot.resolve("loadavg")));
        CpuTimes cpu = CpuTimes.parse(reader.readAscii(procRoot.resolve("stat")));
        MemInfo memory = MemInfo.parse(reader.readAscii(procRoot.resolve("meminfo")));
        double cpuUsage = cpu.usagePercentSince(previousCpu);
        previousCpu = cpu;
        return new HostSample(
                clock.instant(),
                release + " " + version,
                uptime,
                load,
                cpuUsage,
                memory.usedBytes(),
                memory.totalBytes(),
                localNetworks.cidrs());
    }
}
