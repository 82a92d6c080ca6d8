package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.proc.ProcFileReader;
import io.scopecloud.probe.process.ProcessCache;
import io.scopecloud.probe.process.ProcessInfo;
import io.scopecloud.probe.process.ProcessReporter;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Puts processes inside their containers (Scope's Docker tagger): a Process node whose process
 * runs in a running container gets the {@code docker_container_id} latest entry and a
 * {@code container} parent, which the containers view groups processes (and so their
 * connections) by. A process belongs to the container its {@code /proc/<pid>/cgroup} names
 * (see {@link CgroupContainerIds}); failing that, to the container whose main process is its
 * nearest ancestor, which is Scope's only method (and misses processes started by
 * {@code exec}, whose parent is the engine's monitor on the host).
 *
 * <p>A process's cgroup is read once and kept while its name stays the same; a process seen
 * outside any container is read again after {@link #RECHECK_NANOS}, since a runtime moves a new
 * container's first process into the cgroup just after starting it. Spy loop only.
 */
public final class DockerTagger implements UnaryOperator<Report> {
    static final long RECHECK_NANOS = 10_000_000_000L;

    private final ContainerRegistry registry;
    private final ProcessCache processes;
    private final Path procRoot;
    private final LongSupplier nanoTime;
    private final Clock clock;
    private final ProcFileReader reader = new ProcFileReader();
    private final Map<Integer, Cached> cgroups = new HashMap<>();

    private record Cached(String name, String containerId, long readAt) {}

    public DockerTagger(
            ContainerRegistry registry, ProcessCache processes, Path procRoot, LongSupplier nanoTime, Clock clock) {
        this.registry = requireNonNull(registry, "registry is null");
        this.processes = requireNonNull(processes, "processes is null");
        this.procRoot = requireNonNull(procRoot, "procRoot is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public Report apply(Report report) {
        Topology topology = report.topology(TopologyType.PROCESS);
        if (topology.nodes().isEmpty() || registry.containers().isEmpty()) {
            return report;
        }
        Map<Integer, ProcessInfo> byPid = new HashMap<>();
        for (ProcessInfo p : processes.snapshot().processes()) {
            byPid.put(p.pid(), p);
        }
        Map<Integer, String> mainPids = registry.containersByPid();
        Instant now = clock.instant();
        long nanos = nanoTime.getAsLong();
        Map<String, Node> tagged = new HashMap<>(topology.nodes());
        boolean changed = false;
        for (Map.Entry<String, Node> entry : topology.nodes().entrySet()) {
            Optional<String> pidText = entry.getValue().latestValue(ProcessReporter.PID);
            if (pidText.isEmpty()) {
                continue;
            }
            int pid;
            try {
                pid = Integer.parseInt(pidText.get());
            } catch (NumberFormatException e) {
                continue;
            }
            String containerId = containerOf(pid, byPid, mainPids, nanos);
            if (containerId == null) {
                continue;
            }
            Optional<ContainerEntry> container = registry.container(containerId);
            if (container.isEmpty() || container.get().container().isStopped()) {
                continue;
            }
            Node node = entry.getValue().withLatest(ContainerNodes.CONTAINER_ID, now, containerId).toBuilder()
                    .parent(TopologyType.CONTAINER.topologyName(), ContainerNodes.containerNodeId(containerId))
                    .build();
            tagged.put(entry.getKey(), node);
            changed = true;
        }
        cgroups.keySet().retainAll(byPid.keySet());
        return changed ? report.withTopology(TopologyType.PROCESS, topology.withNodes(tagged)) : report;
    }

    private String containerOf(int pid, Map<Integer, ProcessInfo> byPid, Map<Integer, String> mainPids, long nanos) {
        String fromCgroup = cgroupContainer(pid, byPid.get(pid), nanos);
        if (fromCgroup != null && registry.container(fromCgroup).isPresent()) {
            return fromCgroup;
        }
        Set<Integer> seen = new HashSet<>();
        int candidate = pid;
        while (candidate > 1 && seen.add(candidate)) {
            String id = mainPids.get(candidate);
            if (id != null) {
                return id;
            }
            ProcessInfo p = byPid.get(candidate);
            if (p == null) {
                return null;
            }
            candidate = p.ppid();
        }
        return null;
    }

    private String cgroupContainer(int pid, ProcessInfo process, long nanos) {
        String name = process == null ? "" : process.name();
        Cached cached = cgroups.get(pid);
        if (cached != null
                && cached.name().equals(name)
                && (cached.containerId() != null || nanos - cached.readAt() < RECHECK_NANOS)) {
            return cached.containerId();
        }
        String id;
        try {
            id = CgroupContainerIds.containerId(
                    reader.readAscii(procRoot.resolve(Integer.toString(pid)).resolve("cgroup")));
        } catch (IOException e) {
            id = null;
        }
        cgroups.put(pid, new Cached(name, id, nanos));
        return id;
    }
}
