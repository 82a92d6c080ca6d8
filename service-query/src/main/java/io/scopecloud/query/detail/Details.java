package io.scopecloud.query.detail;

import io.scopecloud.query.detail.NodeDetails.ChildGroup;
import io.scopecloud.query.detail.NodeDetails.Column;
import io.scopecloud.query.detail.NodeDetails.ControlInstance;
import io.scopecloud.query.render.Keys;
import io.scopecloud.query.render.RenderNode;
import io.scopecloud.report.Control;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scope's {@code detailed.MakeNode}: everything the node panel of the UI shows. */
public final class Details {
    private record GroupSpec(String topology, String label, List<Column> columns) {}

    private static final List<GroupSpec> GROUPS = List.of(
            new GroupSpec(
                    "pod",
                    "Pods",
                    List.of(
                            column(Keys.KUBERNETES_STATE, "State", ""),
                            column("container", "# Containers", "number"),
                            column(Keys.KUBERNETES_IP, "IP", "ip"))),
            new GroupSpec("ecs_task", "Tasks", List.of(column(Keys.ECS_CREATED_AT, "Created At", "datetime"))),
            new GroupSpec(
                    "container",
                    "Containers",
                    List.of(
                            column(Keys.DOCKER_CPU_TOTAL_USAGE, "CPU", "number"),
                            column(Keys.DOCKER_MEMORY_USAGE, "Memory", "number"))),
            new GroupSpec(
                    "process",
                    "Processes",
                    List.of(
                            column(Keys.PID, "PID", "number"),
                            column(Keys.PROCESS_CPU_USAGE, "CPU", "number"),
                            column(Keys.PROCESS_MEMORY_USAGE, "Memory", "number"))),
            new GroupSpec("container_image", "Container images", List.of()),
            new GroupSpec("persistent_volume", "Persistent Volumes", List.of()),
            new GroupSpec("persistent_volume_claim", "Persistent Volume Claims", List.of()),
            new GroupSpec("storage_class", "Storage Classes", List.of()),
            new GroupSpec("volume_snapshot", "Volume Snapshots", List.of()),
            new GroupSpec("volume_snapshot_data", "Volume Snapshot Data", List.of()));

    private Details() {}

    static Column column(String id, String label, String dataType) {
        return new Column(id, label, false, dataType);
    }

    /**
     * The details of {@code n} in the view {@code topologyId}, whose (filtered) nodes are {@code view}
     * (for the connection tables).
     */
    public static NodeDetails of(String topologyId, Report r, Map<String, RenderNode> view, RenderNode n) {
        NodeSummary summary = Summaries.summary(r, n)
                .orElseGet(() -> new NodeSummary(
                        n.id(),
                        n.id(),
                        "",
                        "",
                        "triangle",
                        "",
                        false,
                        false,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        n.adjacency()));
        return new NodeDetails(
                summary,
                controls(r, n),
                children(r, n),
                List.of(Connections.incoming(topologyId, r, n, view), Connections.outgoing(topologyId, r, n, view)));
    }

    static List<ControlInstance> controls(Report r, RenderNode n) {
        Optional<Topology> t = BasicSummaries.topology(r, n.topology());
        if (t.isEmpty()) {
            return List.of();
        }
        Node node = t.get().nodes().get(n.id());
        if (node == null) {
            return List.of();
        }
        Optional<String> probeId = node.latestValue(Keys.CONTROL_PROBE_ID);
        if (probeId.isEmpty()) {
            return List.of();
        }
        List<ControlInstance> out = new ArrayList<>();
        String probe = probeId.get();
        for (String controlId :
                node.latestValue(Keys.ACTIVE_CONTROLS).orElse("").split(";", -1)) {
            Control c = t.get().controls().get(controlId);
            if (c == null) {
                continue;
            }
            if (!c.probeId().isEmpty()) {
                probe = c.probeId();
            }
            out.add(new ControlInstance(probe, n.id(), c.id(), c.human(), c.icon(), c.confirmation(), c.rank()));
        }
        return out;
    }

    static List<ChildGroup> children(Report r, RenderNode n) {
        Map<String, List<NodeSummary>> byTopology = new LinkedHashMap<>();
        for (RenderNode child : n.children()) {
            if (child.id().equals(n.id())) {
                continue;
            }
            Summaries.summary(r, child, false).ifPresent(s -> byTopology
                    .computeIfAbsent(child.topology(), k -> new ArrayList<>())
                    .add(s));
        }
        List<ChildGroup> out = new ArrayList<>();
        for (GroupSpec spec : GROUPS) {
            List<NodeSummary> nodes = byTopology.remove(spec.topology());
            String view = Summaries.PRIMARY_VIEW.get(spec.topology());
            if (nodes == null || nodes.isEmpty() || view == null) {
                continue;
            }
            nodes.sort(Comparator.comparing(NodeSummary::id));
            out.add(new ChildGroup("", spec.label(), nodes, view, spec.columns()));
        }
        byTopology.forEach((topology, nodes) -> {
            Optional<Topology> t = BasicSummaries.topology(r, topology);
            String view = Summaries.PRIMARY_VIEW.get(topology);
            if (t.isPresent() && view != null && !nodes.isEmpty()) {
                nodes.sort(Comparator.comparing(NodeSummary::id));
                out.add(new ChildGroup("", t.get().labelPlural(), nodes, view, List.of()));
            }
        });
        return out;
    }
}
