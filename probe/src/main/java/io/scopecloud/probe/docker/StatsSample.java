package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One reading of {@code GET /containers/{id}/stats}, reduced to what Scope's metrics need. CPU
 * percentages come from two consecutive samples, never from {@code precpu_stats}, which podman's
 * one-shot stats leave at zero.
 *
 * @param cpuTotalNanos {@code cpu_stats.cpu_usage.total_usage}
 * @param systemCpuNanos {@code cpu_stats.system_cpu_usage}: all CPUs of the host
 * @param memoryUsage {@code memory_stats.usage}
 * @param memoryCache page cache to leave out ({@code stats.cache} on cgroup v1, else
 *     {@code stats.inactive_file}; 0 when the engine does not say, as podman)
 */
public record StatsSample(
        Instant read, long cpuTotalNanos, long systemCpuNanos, long memoryUsage, long memoryCache, long memoryLimit) {

    public StatsSample {
        requireNonNull(read, "read is null");
    }

    /** Memory in use without the page cache, as {@code docker stats} and Scope show it. */
    public double memoryWithoutCache() {
        return memoryCache > 0 && memoryCache < memoryUsage ? memoryUsage - memoryCache : memoryUsage;
    }
}
