package io.scopecloud.query.detail;

import io.scopecloud.query.render.RenderNode;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scope's {@code MakeNodeSummary} and {@code Summaries}: rendered nodes as the UI shows them. */
public final class Summaries {
    /** Which view shows nodes of each report topology (Scope's {@code primaryAPITopology}). */
    static final Map<String, String> PRIMARY_VIEW = Map.ofEntries(
            Map.entry("process", "processes"),
            Map.entry("container", "containers"),
            Map.entry("container_image", "containers-by-image"),
            Map.entry("pod", "pods"),
            Map.entry("deployment", "kube-controllers"),
            Map.entry("daemon_set", "kube-controllers"),
            Map.entry("stateful_set", "kube-controllers"),
            Map.entry("cron_job", "kube-controllers"),
            Map.entry("job", "kube-controllers"),
            Map.entry("service", "services"),
            Map.entry("ecs_task", "ecs-tasks"),
            Map.entry("ecs_service", "ecs-services"),
            Map.entry("swarm_service", "swarm-services"),
            Map.entry("host", "hosts"),
            Map.entry("persistent_volume", "pods"),
            Map.entry("persistent_volume_claim", "pods"),
            Map.entry("storage_class", "pods"),
            Map.entry("volume_snapshot", "pods"),
            Map.entry("volume_snapshot_data", "pods"));

    private static final List<String> PARENT_ORDER = List.of(
            "container",
            "container_image",
            "pod",
            "deployment",
            "daemon_set",
            "stateful_set",
            "cron_job",
            "service",
            "ecs_task",
            "ecs_service",
            "swarm_service",
            "host");

    private record ParentKey(String topology, String id) {}

    private Summaries() {}

    /** The summaries of a rendered view, metrics cut to their last value. */
    public static Map<String, NodeSummary> of(Report r, Map<String, RenderNode> nodes) {
        Map<String, NodeSummary> out = new HashMap<>(Math.max(16, nodes.size() * 2));
        Map<ParentKey, Optional<ParentRef>> parents = new HashMap<>();
        nodes.forEach((id, n) -> summary(r, n, false, parents).ifPresent(s -> out.put(id, s)));
        return out;
    }

    /** The full summary of one node (metric samples kept), or empty when Scope does not draw it. */
    public static Optional<NodeSummary> summary(Report r, RenderNode n) {
        return summary(r, n, true);
    }

    static Optional<NodeSummary> summary(Report r, RenderNode n, boolean withSamples) {
        return summary(r, n, withSamples, new HashMap<>());
    }

    /** {@code parentRefs} remembers parents already summarised (thousands of nodes share a few hosts). */
    private static Optional<NodeSummary> summary(
            Report r, RenderNode n, boolean withSamples, Map<ParentKey, Optional<ParentRef>> parentRefs) {
        Optional<BasicSummary> basic = BasicSummaries.of(r, n);
        if (basic.isEmpty()) {
            return Optional.empty();
        }
        BasicSummary b = basic.get();
        List<MetadataRow> metadata = List.of();
        List<MetricRow> metrics = List.of();
        List<Table> tables = List.of();
        // Group nodes (those counting their own topology) get no rows.
        if (n.counter(n.topology()).isEmpty()) {
            Optional<Topology> t = BasicSummaries.topology(r, n.topology());
            if (t.isPresent()) {
                metadata = Rows.metadata(n, t.get());
                metrics = Rows.metrics(n, t.get(), withSamples);
                tables = Rows.tables(n, t.get());
            }
        }
        return Optional.of(new NodeSummary(
                b.id(),
                b.label(),
                b.labelMinor(),
                b.rank(),
                b.shape(),
                b.tag(),
                b.stack(),
                b.pseudo(),
                metadata,
                parents(r, n, parentRefs),
                metrics,
                tables,
                n.adjacency()));
    }

    private static List<ParentRef> parents(Report r, RenderNode n, Map<ParentKey, Optional<ParentRef>> known) {
        if (n.parents().isEmpty()) {
            return List.of();
        }
        List<ParentRef> out = null; // most nodes' parents are few, and some render none
        for (String topologyName : PARENT_ORDER) {
            String view = PRIMARY_VIEW.get(topologyName);
            TopologyType type = TopologyType.fromTopologyName(topologyName).orElseThrow();
            Map<String, Node> nodes = r.topology(type).nodes();
            for (String id : n.parents(topologyName)) {
                if (topologyName.equals(n.topology()) && id.equals(n.id())) {
                    continue;
                }
                Optional<ParentRef> ref = known.get(new ParentKey(topologyName, id));
                if (ref == null) {
                    Node parent = nodes.get(id);
                    RenderNode p = parent == null ? RenderNode.bare(id, topologyName) : RenderNode.of(id, parent);
                    ref = BasicSummaries.of(r, p).map(s -> new ParentRef(s.id(), s.label(), view));
                    known.put(new ParentKey(topologyName, id), ref);
                }
                if (ref.isPresent()) {
                    if (out == null) {
                        out = new ArrayList<>(2);
                    }
                    out.add(ref.get());
                }
            }
        }
        return out == null ? List.of() : out;
    }
}
