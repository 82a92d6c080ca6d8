package io.scopecloud.probe.host;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One reading of the host, in plain values; {@code HostReporter} turns it into a Host node.
 *
 * @param cpuUsagePercent busy share of all CPUs since the previous reading, {@code NaN} if unknown
 */
public record HostSample(
        Instant at,
        String kernelVersion,
        long uptimeSeconds,
        LoadAverage load,
        double cpuUsagePercent,
        long memoryUsedBytes,
        long memoryTotalBytes,
        List<String> localNetworks) {

    public HostSample {
        requireNonNull(at, "at is null");
        requireNonNull(kernelVersion, "kernelVersion is null");
        requireNonNull(load, "load is null");
        localNetworks = List.copyOf(requireNonNull(localNetworks, "localNetworks is null"));
    }
}
