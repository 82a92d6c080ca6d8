package io.scopecloud.report.codec;

import io.scopecloud.report.Control;
import io.scopecloud.report.DnsRecord;
import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.Metric;
import io.scopecloud.report.MetricTemplate;
import io.scopecloud.report.Node;
import io.scopecloud.report.PluginSpec;
import io.scopecloud.report.Report;
import io.scopecloud.report.Sample;
import io.scopecloud.report.TableTemplate;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a report with Scope's key names, key order and omitempty rules (§1): GoCase at the top level, snake_case
 * in topologies, camelCase in nodes; {@code sets}, {@code parents} and {@code children} are written as null when
 * empty, as Go writes its nil values.
 */
final class ReportWriter {
    private final TokenSink out;
    private final EncodedTopologies reused; // null: every topology is encoded
    private NodeEncodings nodeEncodings; // while writing a topology whose nodes' encodings are kept

    ReportWriter(TokenSink out) {
        this(out, null);
    }

    ReportWriter(TokenSink out, EncodedTopologies reused) {
        this.out = out;
        this.reused = reused;
    }

    void write(Report r) throws IOException {
        int size = 1 + TopologyType.values().length + 5;
        size += r.dns().isEmpty() ? 0 : 1;
        size += r.legacyDns().isEmpty() ? 0 : 1;
        out.startMap(size);
        out.key("TS");
        out.time(r.ts());
        for (TopologyType t : TopologyType.values()) {
            out.key(t.reportKey());
            EncodedTopology encoded = reused == null ? null : reused.encoded(t, r.topology(t));
            if (encoded != null) {
                out.encoded(encoded);
            } else {
                writeTopology(r.topology(t));
            }
        }
        if (!r.dns().isEmpty()) {
            out.key("DNS");
            writeDns(r.dns());
        }
        if (!r.legacyDns().isEmpty()) {
            out.key("nodes");
            writeDns(r.legacyDns());
        }
        out.key("Sampling");
        out.startMap(2);
        out.key("Count");
        out.uint64(r.sampling().count());
        out.key("Total");
        out.uint64(r.sampling().total());
        out.endMap();
        out.key("Window");
        out.int64(r.windowNanos());
        out.key("Shortcut");
        out.bool(r.shortcut());
        out.key("Plugins");
        out.startArray(r.plugins().size());
        for (PluginSpec p : r.plugins()) {
            writePlugin(p);
        }
        out.endArray();
        out.key("ID");
        out.string(r.id());
        out.endMap();
        out.flush();
    }

    private void writeDns(Map<String, DnsRecord> dns) throws IOException {
        out.startMap(dns.size());
        for (Map.Entry<String, DnsRecord> e : dns.entrySet()) {
            out.key(e.getKey());
            DnsRecord d = e.getValue();
            out.startMap((d.forward().isEmpty() ? 0 : 1) + (d.reverse().isEmpty() ? 0 : 1));
            if (!d.forward().isEmpty()) {
                out.key("forward");
                writeStrings(d.forward());
            }
            if (!d.reverse().isEmpty()) {
                out.key("reverse");
                writeStrings(d.reverse());
            }
            out.endMap();
        }
        out.endMap();
    }

    private void writePlugin(PluginSpec p) throws IOException {
        int size = 3 + nonEmpty(p.description()) + nonEmpty(p.apiVersion()) + nonEmpty(p.status());
        out.startMap(size);
        out.key("id");
        out.string(p.id());
        out.key("label");
        out.string(p.label());
        if (!p.description().isEmpty()) {
            out.key("description");
            out.string(p.description());
        }
        out.key("interfaces");
        writeStringsOrNull(p.interfaces());
        if (!p.apiVersion().isEmpty()) {
            out.key("api_version");
            out.string(p.apiVersion());
        }
        if (!p.status().isEmpty()) {
            out.key("status");
            out.string(p.status());
        }
        out.endMap();
    }

    void writeTopology(Topology t) throws IOException {
        int size = nonEmpty(t.shape())
                + nonEmpty(t.tag())
                + nonEmpty(t.label())
                + nonEmpty(t.labelPlural())
                + nonEmpty(t.nodes())
                + nonEmpty(t.controls())
                + nonEmpty(t.metadataTemplates())
                + nonEmpty(t.metricTemplates())
                + nonEmpty(t.tableTemplates());
        out.startMap(size);
        optionalString("shape", t.shape());
        optionalString("tag", t.tag());
        optionalString("label", t.label());
        optionalString("label_plural", t.labelPlural());
        if (!t.nodes().isEmpty()) {
            out.key("nodes");
            out.startMap(t.nodes().size());
            for (Map.Entry<String, Node> e : t.nodes().entrySet()) {
                out.key(e.getKey());
                if (nodeEncodings != null) {
                    out.raw(nodeEncodings.bytes(e.getValue()));
                } else {
                    writeNode(e.getValue());
                }
            }
            out.endMap();
        }
        if (!t.controls().isEmpty()) {
            out.key("controls");
            out.startMap(t.controls().size());
            for (Map.Entry<String, Control> e : t.controls().entrySet()) {
                out.key(e.getKey());
                writeControl(e.getValue());
            }
            out.endMap();
        }
        if (!t.metadataTemplates().isEmpty()) {
            out.key("metadata_templates");
            out.startMap(t.metadataTemplates().size());
            for (Map.Entry<String, MetadataTemplate> e : t.metadataTemplates().entrySet()) {
                out.key(e.getKey());
                writeMetadataTemplate(e.getValue());
            }
            out.endMap();
        }
        if (!t.metricTemplates().isEmpty()) {
            out.key("metric_templates");
            out.startMap(t.metricTemplates().size());
            for (Map.Entry<String, MetricTemplate> e : t.metricTemplates().entrySet()) {
                out.key(e.getKey());
                writeMetricTemplate(e.getValue());
            }
            out.endMap();
        }
        if (!t.tableTemplates().isEmpty()) {
            out.key("table_templates");
            out.startMap(t.tableTemplates().size());
            for (Map.Entry<String, TableTemplate> e : t.tableTemplates().entrySet()) {
                out.key(e.getKey());
                writeTableTemplate(e.getValue());
            }
            out.endMap();
        }
        out.endMap();
    }

    /** Writes {@code t} with its nodes' bytes from {@code nodes} (kept, or encoded now and kept). */
    void writeTopology(Topology t, NodeEncodings nodes) throws IOException {
        nodeEncodings = nodes;
        try {
            writeTopology(t);
        } finally {
            nodeEncodings = null;
        }
        nodes.endTopology();
    }

    void writeNode(Node n) throws IOException {
        int size = 3 // sets, parents, children: no omitempty
                + nonEmpty(n.id())
                + nonEmpty(n.topology())
                + nonEmpty(n.adjacency())
                + nonEmpty(n.latest())
                + nonEmpty(n.metrics());
        out.startMap(size);
        optionalString("id", n.id());
        optionalString("topology", n.topology());
        out.key("sets");
        writeSets(n.sets());
        if (!n.adjacency().isEmpty()) {
            out.key("adjacency");
            writeStrings(n.adjacency());
        }
        if (!n.latest().isEmpty()) {
            out.key("latest");
            out.startMap(n.latest().size());
            for (Map.Entry<String, LatestEntry> e : n.latest().entrySet()) {
                out.key(e.getKey());
                out.startMap(2);
                out.key("timestamp");
                out.time(e.getValue().timestamp());
                out.key("value");
                out.string(e.getValue().value());
                out.endMap();
            }
            out.endMap();
        }
        if (!n.metrics().isEmpty()) {
            out.key("metrics");
            out.startMap(n.metrics().size());
            for (Map.Entry<String, Metric> e : n.metrics().entrySet()) {
                out.key(e.getKey());
                writeMetric(e.getValue());
            }
            out.endMap();
        }
        out.key("parents");
        writeSets(n.parents());
        out.key("children");
        if (n.children().isEmpty()) {
            out.nil();
        } else {
            out.startArray(n.children().size());
            for (Node c : n.children()) {
                writeNode(c);
            }
            out.endArray();
        }
        out.endMap();
    }

    private void writeSets(Map<String, List<String>> sets) throws IOException {
        if (sets.isEmpty()) {
            out.nil();
            return;
        }
        out.startMap(sets.size());
        for (Map.Entry<String, List<String>> e : sets.entrySet()) {
            out.key(e.getKey());
            writeStrings(e.getValue());
        }
        out.endMap();
    }

    private void writeMetric(Metric m) throws IOException {
        out.startMap(2 + nonEmpty(m.samples()));
        if (!m.samples().isEmpty()) {
            out.key("samples");
            out.startArray(m.samples().size());
            for (Sample s : m.samples()) {
                out.startMap(2);
                out.key("date");
                out.time(s.date());
                out.key("value");
                out.float64(s.value());
                out.endMap();
            }
            out.endArray();
        }
        out.key("min");
        out.float64(m.min());
        out.key("max");
        out.float64(m.max());
        out.endMap();
    }

    private void writeControl(Control c) throws IOException {
        out.startMap(4 + nonEmpty(c.confirmation()) + nonEmpty(c.probeId()));
        out.key("id");
        out.string(c.id());
        out.key("human");
        out.string(c.human());
        out.key("icon");
        out.string(c.icon());
        optionalString("confirmation", c.confirmation());
        out.key("rank");
        out.int64(c.rank());
        optionalString("probeId", c.probeId());
        out.endMap();
    }

    private void writeMetadataTemplate(MetadataTemplate t) throws IOException {
        int size = 1
                + nonEmpty(t.label())
                + (t.truncate() != 0 ? 1 : 0)
                + nonEmpty(t.dataType())
                + (t.priority() != 0 ? 1 : 0)
                + nonEmpty(t.from());
        out.startMap(size);
        out.key("id");
        out.string(t.id());
        optionalString("label", t.label());
        if (t.truncate() != 0) {
            out.key("truncate");
            out.int64(t.truncate());
        }
        optionalString("dataType", t.dataType());
        if (t.priority() != 0) {
            out.key("priority");
            out.float64(t.priority());
        }
        optionalString("from", t.from());
        out.endMap();
    }

    private void writeMetricTemplate(MetricTemplate t) throws IOException {
        int size = 1 + nonEmpty(t.label()) + nonEmpty(t.format()) + nonEmpty(t.group()) + (t.priority() != 0 ? 1 : 0);
        out.startMap(size);
        out.key("id");
        out.string(t.id());
        optionalString("label", t.label());
        optionalString("format", t.format());
        optionalString("group", t.group());
        if (t.priority() != 0) {
            out.key("priority");
            out.float64(t.priority());
        }
        out.endMap();
    }

    private void writeTableTemplate(TableTemplate t) throws IOException {
        out.startMap(6);
        out.key("id");
        out.string(t.id());
        out.key("label");
        out.string(t.label());
        out.key("prefix");
        out.string(t.prefix());
        out.key("type");
        out.string(t.type());
        out.key("columns");
        if (t.columns().isEmpty()) {
            out.nil();
        } else {
            out.startArray(t.columns().size());
            for (TableTemplate.Column c : t.columns()) {
                out.startMap(3);
                out.key("id");
                out.string(c.id());
                out.key("label");
                out.string(c.label());
                out.key("dataType");
                out.string(c.dataType());
                out.endMap();
            }
            out.endArray();
        }
        out.key("fixedRows");
        if (t.fixedRows().isEmpty()) {
            out.nil();
        } else {
            out.startMap(t.fixedRows().size());
            for (Map.Entry<String, String> e : t.fixedRows().entrySet()) {
                out.key(e.getKey());
                out.string(e.getValue());
            }
            out.endMap();
        }
        out.endMap();
    }

    private void writeStrings(List<String> values) throws IOException {
        out.startArray(values.size());
        for (String s : values) {
            out.string(s);
        }
        out.endArray();
    }

    private void writeStringsOrNull(List<String> values) throws IOException {
        if (values.isEmpty()) {
            out.nil();
        } else {
            writeStrings(values);
        }
    }

    private void optionalString(String key, String value) throws IOException {
        if (!value.isEmpty()) {
            out.key(key);
            out.string(value);
        }
    }

    private static int nonEmpty(String s) {
        return s.isEmpty() ? 0 : 1;
    }

    private static int nonEmpty(Map<?, ?> m) {
        return m.isEmpty() ? 0 : 1;
    }

    private static int nonEmpty(List<?> l) {
        return l.isEmpty() ? 0 : 1;
    }
}
