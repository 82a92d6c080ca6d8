package io.scopecloud.report.codec;

import io.scopecloud.report.Control;
import io.scopecloud.report.DnsRecord;
import io.scopecloud.report.GoTime;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePacker;

/** Writes {@link CompactReportCodec}'s positional layout; {@link CompactReader} mirrors it field by field. */
final class CompactWriter {
    static final int REPORT_FIELDS = 10;
    static final int TOPOLOGY_FIELDS = 9;
    static final int NODE_FIELDS = 8;

    private static final long MIN_NANOS_SECOND = Long.MIN_VALUE / 1_000_000_000L + 1;
    private static final long MAX_NANOS_SECOND = Long.MAX_VALUE / 1_000_000_000L - 1;

    private final MessagePacker p;

    CompactWriter(MessagePacker p) {
        this.p = p;
    }

    void write(Report r) throws IOException {
        p.packArrayHeader(REPORT_FIELDS);
        time(r.ts());
        p.packLong(r.windowNanos());
        p.packBoolean(r.shortcut());
        p.packString(r.id());
        p.packLong(r.sampling().count());
        p.packLong(r.sampling().total());
        p.packArrayHeader(r.plugins().size());
        for (PluginSpec s : r.plugins()) {
            p.packArrayHeader(6);
            p.packString(s.id());
            p.packString(s.label());
            p.packString(s.description());
            strings(s.interfaces());
            p.packString(s.apiVersion());
            p.packString(s.status());
        }
        dns(r.dns());
        dns(r.legacyDns());
        TopologyType[] types = TopologyType.values();
        p.packArrayHeader(types.length);
        for (TopologyType t : types) {
            topology(r.topology(t));
        }
    }

    private void dns(Map<String, DnsRecord> dns) throws IOException {
        p.packMapHeader(dns.size());
        for (Map.Entry<String, DnsRecord> e : dns.entrySet()) {
            p.packString(e.getKey());
            p.packArrayHeader(2);
            strings(e.getValue().forward());
            strings(e.getValue().reverse());
        }
    }

    private void topology(Topology t) throws IOException {
        p.packArrayHeader(TOPOLOGY_FIELDS);
        p.packString(t.shape());
        p.packString(t.tag());
        p.packString(t.label());
        p.packString(t.labelPlural());
        p.packMapHeader(t.nodes().size());
        for (Map.Entry<String, Node> e : t.nodes().entrySet()) {
            p.packString(e.getKey());
            node(e.getValue());
        }
        p.packMapHeader(t.controls().size());
        for (Map.Entry<String, Control> e : t.controls().entrySet()) {
            Control c = e.getValue();
            p.packString(e.getKey());
            p.packArrayHeader(6);
            p.packString(c.id());
            p.packString(c.human());
            p.packString(c.icon());
            p.packString(c.confirmation());
            p.packInt(c.rank());
            p.packString(c.probeId());
        }
        p.packMapHeader(t.metadataTemplates().size());
        for (Map.Entry<String, MetadataTemplate> e : t.metadataTemplates().entrySet()) {
            MetadataTemplate m = e.getValue();
            p.packString(e.getKey());
            p.packArrayHeader(6);
            p.packString(m.id());
            p.packString(m.label());
            p.packInt(m.truncate());
            p.packString(m.dataType());
            p.packDouble(m.priority());
            p.packString(m.from());
        }
        p.packMapHeader(t.metricTemplates().size());
        for (Map.Entry<String, MetricTemplate> e : t.metricTemplates().entrySet()) {
            MetricTemplate m = e.getValue();
            p.packString(e.getKey());
            p.packArrayHeader(5);
            p.packString(m.id());
            p.packString(m.label());
            p.packString(m.format());
            p.packString(m.group());
            p.packDouble(m.priority());
        }
        p.packMapHeader(t.tableTemplates().size());
        for (Map.Entry<String, TableTemplate> e : t.tableTemplates().entrySet()) {
            TableTemplate m = e.getValue();
            p.packString(e.getKey());
            p.packArrayHeader(6);
            p.packString(m.id());
            p.packString(m.label());
            p.packString(m.prefix());
            p.packString(m.type());
            p.packArrayHeader(m.columns().size());
            for (TableTemplate.Column c : m.columns()) {
                p.packArrayHeader(3);
                p.packString(c.id());
                p.packString(c.label());
                p.packString(c.dataType());
            }
            p.packMapHeader(m.fixedRows().size());
            for (Map.Entry<String, String> row : m.fixedRows().entrySet()) {
                p.packString(row.getKey());
                p.packString(row.getValue());
            }
        }
    }

    private void node(Node n) throws IOException {
        p.packArrayHeader(NODE_FIELDS);
        p.packString(n.id());
        p.packString(n.topology());
        p.packMapHeader(n.latest().size());
        for (Map.Entry<String, LatestEntry> e : n.latest().entrySet()) {
            p.packString(e.getKey());
            time(e.getValue().timestamp());
            p.packString(e.getValue().value());
        }
        sets(n.sets());
        strings(n.adjacency());
        p.packMapHeader(n.metrics().size());
        for (Map.Entry<String, Metric> e : n.metrics().entrySet()) {
            Metric m = e.getValue();
            p.packString(e.getKey());
            p.packArrayHeader(3);
            p.packDouble(m.min());
            p.packDouble(m.max());
            p.packArrayHeader(m.samples().size() * 2);
            for (Sample s : m.samples()) {
                time(s.date());
                p.packDouble(s.value());
            }
        }
        sets(n.parents());
        p.packArrayHeader(n.children().size());
        for (Node c : n.children()) {
            node(c);
        }
    }

    private void sets(Map<String, List<String>> sets) throws IOException {
        p.packMapHeader(sets.size());
        for (Map.Entry<String, List<String>> e : sets.entrySet()) {
            p.packString(e.getKey());
            strings(e.getValue());
        }
    }

    private void strings(List<String> values) throws IOException {
        p.packArrayHeader(values.size());
        for (String s : values) {
            p.packString(s);
        }
    }

    /** Nil for Go's zero time, int64 epoch nanos when they fit, else [seconds, nanos]. */
    private void time(Instant t) throws IOException {
        if (GoTime.isZero(t)) {
            p.packNil();
            return;
        }
        long s = t.getEpochSecond();
        int nanos = t.getNano();
        if (s >= MIN_NANOS_SECOND && s <= MAX_NANOS_SECOND) {
            p.packLong(s * 1_000_000_000L + nanos);
        } else {
            p.packArrayHeader(2);
            p.packLong(s);
            p.packInt(nanos);
        }
    }
}
