package io.scopecloud.probe.kubernetes;

import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.util.Map;
import java.util.TreeMap;

/**
 * What two reports must share to be "the same report": per topology its controls and templates,
 * and per node its id, latest keys and values, sets, parents, adjacency and children; latest
 * timestamps, the report's TS, ID and window aside.
 */
final class ReportShape {
    private ReportShape() {}

    static Map<String, Object> of(Report report) {
        Map<String, Object> shape = new TreeMap<>();
        for (TopologyType type : TopologyType.values()) {
            Topology t = report.topology(type);
            Map<String, Object> topology = new TreeMap<>();
            topology.put("shape", t.shape() + "/" + t.tag() + "/" + t.label() + "/" + t.labelPlural());
            topology.put("controls", new TreeMap<>(t.controls()));
            topology.put("metadata_templates", new TreeMap<>(t.metadataTemplates()));
            topology.put("metric_templates", new TreeMap<>(t.metricTemplates()));
            topology.put("table_templates", new TreeMap<>(t.tableTemplates()));
            Map<String, Object> nodes = new TreeMap<>();
            for (Map.Entry<String, Node> entry : t.nodes().entrySet()) {
                nodes.put(entry.getKey(), node(entry.getValue()));
            }
            topology.put("nodes", nodes);
            shape.put(type.reportKey(), topology);
        }
        return shape;
    }

    static Map<String, Object> node(Node n) {
        Map<String, Object> node = new TreeMap<>();
        node.put("id", n.id());
        node.put("topology", n.topology());
        Map<String, String> latest = new TreeMap<>();
        for (Map.Entry<String, LatestEntry> e : n.latest().entrySet()) {
            latest.put(e.getKey(), e.getValue().value());
        }
        node.put("latest", latest);
        node.put("sets", new TreeMap<>(n.sets()));
        node.put("parents", new TreeMap<>(n.parents()));
        node.put("adjacency", n.adjacency());
        node.put("children", n.children().size());
        return node;
    }
}
