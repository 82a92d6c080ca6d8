package io.scopecloud.probe;

import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.util.HashMap;
import java.util.Map;

/**
 * Scope's delta reports (scope-contract §1.5): what changed since the last full report. A node
 * that is the same (latest values, ignoring their timestamps; sets; parents; adjacency; children)
 * and has no metrics is left out; another node of the full report keeps its key with a blank id and
 * topology and only the parts that changed (each whole); a node the full report did not have is
 * sent whole. Templates are dropped, shape, tag and labels blanked when unchanged, controls kept
 * only when they differ. Consumers merge the window and drop the nodes still without a topology.
 */
public final class DeltaReports {
    private DeltaReports() {}

    /** {@code current} as a delta against {@code full}. */
    public static Report against(Report full, Report current) {
        Report delta = current;
        for (TopologyType type : TopologyType.values()) {
            Topology now = current.topology(type);
            Topology before = full.topology(type);
            if (now.nodes().isEmpty() && now.equals(before)) {
                delta = delta.withTopology(type, Topology.empty());
            } else {
                delta = delta.withTopology(type, topology(before, now));
            }
        }
        return delta;
    }

    private static Topology topology(Topology before, Topology now) {
        Topology.Builder t = Topology.builder()
                .shape(now.shape().equals(before.shape()) ? "" : now.shape())
                .tag(now.tag().equals(before.tag()) ? "" : now.tag());
        if (!now.label().equals(before.label()) || !now.labelPlural().equals(before.labelPlural())) {
            t.label(now.label()).labelPlural(now.labelPlural());
        }
        if (!now.controls().equals(before.controls())) {
            now.controls().forEach(t::control);
        }
        Map<String, Node> nodes = new HashMap<>();
        for (Map.Entry<String, Node> e : now.nodes().entrySet()) {
            Node node = e.getValue();
            Node old = before.nodes().get(e.getKey());
            if (old == null || !old.id().equals(node.id()) || !old.topology().equals(node.topology())) {
                nodes.put(e.getKey(), node);
                continue;
            }
            Node changed = changes(old, node);
            if (changed != null) {
                nodes.put(e.getKey(), changed);
            }
        }
        return t.build().withNodes(nodes);
    }

    /** The parts of {@code now} that differ from {@code old}, without id and topology; null if none. */
    @SuppressWarnings("ReferenceEquality") // the same instance: a node the reporter kept (the common case)
    static Node changes(Node old, Node now) {
        if (old == now && now.metrics().isEmpty()) {
            return null;
        }
        Node.Builder delta = Node.builder("", "");
        boolean keep = false;
        if (!sameIgnoringTimestamps(old.latest(), now.latest())) {
            now.latest().forEach(delta::latest);
            keep = true;
        }
        if (!old.sets().equals(now.sets())) {
            now.sets().forEach(delta::set);
            keep = true;
        }
        if (!old.parents().equals(now.parents())) {
            now.parents().forEach(delta::parents);
            keep = true;
        }
        if (!old.adjacency().equals(now.adjacency())) {
            delta.adjacency(now.adjacency());
            keep = true;
        }
        if (!old.children().equals(now.children())) {
            now.children().forEach(delta::child);
            keep = true;
        }
        if (!now.metrics().isEmpty()) {
            now.metrics().forEach(delta::metric);
            keep = true;
        }
        return keep ? delta.build() : null;
    }

    private static boolean sameIgnoringTimestamps(Map<String, LatestEntry> a, Map<String, LatestEntry> b) {
        if (a == b) {
            return true;
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, LatestEntry> e : a.entrySet()) {
            LatestEntry other = b.get(e.getKey());
            if (other == null || !other.value().equals(e.getValue().value())) {
                return false;
            }
        }
        return true;
    }
}
