package io.scopecloud.report.codec;

import io.scopecloud.report.Control;
import io.scopecloud.report.DnsRecord;
import io.scopecloud.report.GoTime;
import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.Metric;
import io.scopecloud.report.MetricTemplate;
import io.scopecloud.report.Node;
import io.scopecloud.report.PluginSpec;
import io.scopecloud.report.Report;
import io.scopecloud.report.Sample;
import io.scopecloud.report.Sampling;
import io.scopecloud.report.TableTemplate;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageUnpacker;

/** Reads {@link CompactWriter}'s layout back; checks array arities so damage is reported, not misread. */
final class CompactReader {
    private static final int MAX_CHILD_DEPTH = 64;
    /**
     * One string cache per thread, kept from decode to decode: query decodes the same probes' reports again and again
     * (each arrival, and each window whose oldest report expired), and a cache started empty for every decode made a
     * new copy of every string each time (a seventh of query's allocation at 1,000 probes).
     */
    private static final ThreadLocal<StringCache> CACHES = ThreadLocal.withInitial(StringCache::new);

    private final MessageUnpacker in;
    private final long maxEntries;
    private final int maxNodes;
    private final int maxStringLength;
    private final StringCache cache = CACHES.get();
    private final StringPool pool;
    private byte[] buf = new byte[256];
    private Instant lastTime = GoTime.ZERO;
    private long entries;
    private int nodeCount;

    CompactReader(MessageUnpacker in, DecodeLimits limits, StringPool pool) {
        this.in = in;
        this.pool = pool;
        this.maxEntries = limits.maxEntries();
        this.maxNodes = limits.maxNodes();
        this.maxStringLength = limits.maxStringLength();
    }

    Report read() throws IOException, ReportDecodeException {
        expectArray(CompactWriter.REPORT_FIELDS, "report");
        Report.Builder b = Report.builder();
        b.ts(time());
        b.windowNanos(in.unpackLong());
        b.shortcut(in.unpackBoolean());
        b.id(string());
        b.sampling(new Sampling(in.unpackLong(), in.unpackLong()));
        int plugins = arrayHeader();
        List<PluginSpec> specs = new ArrayList<>(Math.min(plugins, 1024));
        for (int i = 0; i < plugins; i++) {
            expectArray(6, "plugin");
            specs.add(new PluginSpec(string(), string(), string(), strings(), string(), string()));
        }
        b.plugins(specs);
        int dns = mapHeader();
        for (int i = 0; i < dns; i++) {
            String ip = string();
            expectArray(2, "dns record");
            b.dns(ip, new DnsRecord(strings(), strings()));
        }
        int legacy = mapHeader();
        for (int i = 0; i < legacy; i++) {
            String ip = string();
            expectArray(2, "dns record");
            b.legacyDns(ip, new DnsRecord(strings(), strings()));
        }
        TopologyType[] types = TopologyType.values();
        expectArray(types.length, "topologies");
        for (TopologyType t : types) {
            b.topology(t, topology(t));
        }
        return b.build();
    }

    private Topology topology(TopologyType type) throws IOException, ReportDecodeException {
        expectArray(CompactWriter.TOPOLOGY_FIELDS, "topology");
        String shape = string();
        String tag = string();
        String label = string();
        String labelPlural = string();
        // Each section's size is read ahead only while every one before it is empty; -1: not read yet (it comes
        // after the entries of the section before).
        int nodes = mapHeader();
        int controls = nodes == 0 ? mapHeader() : -1;
        int metadata = controls == 0 ? mapHeader() : -1;
        int metrics = metadata == 0 ? mapHeader() : -1;
        int tables = metrics == 0 ? mapHeader() : -1;
        if (tables == 0) {
            // nothing in it, as most of a probe's topologies: no builder, and the type's defaults when labelled so
            return Topology.labelled(type, shape, tag, label, labelPlural);
        }
        Topology.Builder t =
                Topology.builder().shape(shape).tag(tag).label(label).labelPlural(labelPlural);
        for (int i = 0; i < nodes; i++) {
            String key = string();
            t.node(key, node(0));
        }
        if (controls < 0) {
            controls = mapHeader();
        }
        for (int i = 0; i < controls; i++) {
            String key = string();
            expectArray(6, "control");
            t.control(key, new Control(string(), string(), string(), string(), in.unpackInt(), string()));
        }
        if (metadata < 0) {
            metadata = mapHeader();
        }
        for (int i = 0; i < metadata; i++) {
            String key = string();
            expectArray(6, "metadata template");
            t.metadataTemplate(
                    key,
                    new MetadataTemplate(string(), string(), in.unpackInt(), string(), in.unpackDouble(), string()));
        }
        if (metrics < 0) {
            metrics = mapHeader();
        }
        for (int i = 0; i < metrics; i++) {
            String key = string();
            expectArray(5, "metric template");
            t.metricTemplate(key, new MetricTemplate(string(), string(), string(), string(), in.unpackDouble()));
        }
        if (tables < 0) {
            tables = mapHeader();
        }
        for (int i = 0; i < tables; i++) {
            String key = string();
            expectArray(6, "table template");
            String id = string();
            String tableLabel = string();
            String prefix = string();
            String tableType = string();
            int n = arrayHeader();
            List<TableTemplate.Column> columns = new ArrayList<>(Math.min(n, 1024));
            for (int c = 0; c < n; c++) {
                expectArray(3, "column");
                columns.add(new TableTemplate.Column(string(), string(), string()));
            }
            int rows = mapHeader();
            Map<String, String> fixedRows = new HashMap<>();
            for (int r = 0; r < rows; r++) {
                fixedRows.put(string(), string());
            }
            t.tableTemplate(key, new TableTemplate(id, tableLabel, prefix, tableType, columns, fixedRows));
        }
        return t.build();
    }

    private Node node(int depth) throws IOException, ReportDecodeException {
        if (depth > MAX_CHILD_DEPTH) {
            throw new ReportDecodeException(Problem.TOO_DEEP, "children nested deeper than " + MAX_CHILD_DEPTH);
        }
        if (++nodeCount > maxNodes) {
            throw new ReportDecodeException(Problem.TOO_MANY_NODES, "more than " + maxNodes + " nodes");
        }
        expectArray(CompactWriter.NODE_FIELDS, "node");
        Node.Builder n = Node.builder(string(), string());
        int latest = mapHeader();
        n.expect(Node.Part.LATEST, latest);
        for (int i = 0; i < latest; i++) {
            String key = string();
            Instant ts = time();
            n.latest(key, ts, string());
        }
        sets(n, false);
        int adjacency = arrayHeader();
        for (int i = 0; i < adjacency; i++) {
            n.adjacent(string());
        }
        int metrics = mapHeader();
        n.expect(Node.Part.METRICS, metrics);
        for (int i = 0; i < metrics; i++) {
            String key = string();
            expectArray(3, "metric");
            double min = in.unpackDouble();
            double max = in.unpackDouble();
            int flat = arrayHeader();
            if (flat % 2 != 0) {
                throw new ReportDecodeException(Problem.MALFORMED, "odd sample array in metric " + key);
            }
            Sample[] samples = new Sample[flat / 2];
            for (int s = 0; s < samples.length; s++) {
                samples[s] = new Sample(time(), in.unpackDouble());
            }
            n.metric(key, Metric.adopt(min, max, samples));
        }
        sets(n, true);
        int children = arrayHeader();
        for (int i = 0; i < children; i++) {
            n.child(node(depth + 1));
        }
        return n.build();
    }

    private void sets(Node.Builder n, boolean parents) throws IOException, ReportDecodeException {
        int count = mapHeader();
        n.expect(parents ? Node.Part.PARENTS : Node.Part.SETS, count);
        for (int i = 0; i < count; i++) {
            String key = string();
            int size = arrayHeader();
            String[] values = new String[size];
            for (int v = 0; v < size; v++) {
                values[v] = string();
            }
            if (parents) {
                n.adoptParents(key, values);
            } else {
                n.adoptSet(key, values);
            }
        }
    }

    private List<String> strings() throws IOException, ReportDecodeException {
        int n = arrayHeader();
        List<String> out = new ArrayList<>(Math.min(n, 4096));
        for (int i = 0; i < n; i++) {
            out.add(string());
        }
        return out;
    }

    /**
     * Strings go through the caller's pool when it gave one; else short strings go through the thread's cache, so the
     * window query keeps holds one instance per distinct value.
     */
    private String string() throws IOException, ReportDecodeException {
        int len = in.unpackRawStringHeader();
        if (len > maxStringLength) {
            throw new ReportDecodeException(
                    Problem.STRING_TOO_LONG, "string of " + len + " bytes exceeds the limit of " + maxStringLength);
        }
        if (len == 0) {
            return "";
        }
        if (len > buf.length) {
            buf = new byte[Math.max(len, buf.length * 2)];
        }
        in.readPayload(buf, 0, len);
        if (pool != null) {
            return pool.get(buf, 0, len);
        }
        return len <= StringCache.MAX_LENGTH
                ? cache.get(buf, 0, len)
                : new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Instant time() throws IOException, ReportDecodeException {
        MessageFormat f = in.getNextFormat();
        if (f == MessageFormat.NIL) {
            in.unpackNil();
            return GoTime.ZERO;
        }
        if (f.getValueType() == org.msgpack.value.ValueType.ARRAY) {
            expectArray(2, "time");
            return instant(in.unpackLong(), in.unpackInt());
        }
        long nanos = in.unpackLong();
        return instant(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L));
    }

    /** The last time read again if it repeats, as a report's latest entries mostly carry their report's time. */
    private Instant instant(long seconds, int nanos) {
        Instant last = lastTime;
        if (last.getEpochSecond() == seconds && last.getNano() == nanos) {
            return last;
        }
        Instant t = Instant.ofEpochSecond(seconds, nanos);
        lastTime = t;
        return t;
    }

    /** A map's size, counted against the entry limit before anything is read. */
    private int mapHeader() throws IOException, ReportDecodeException {
        return counted(in.unpackMapHeader());
    }

    /** An array's size, counted against the entry limit before anything is read. */
    private int arrayHeader() throws IOException, ReportDecodeException {
        return counted(in.unpackArrayHeader());
    }

    private int counted(int n) throws ReportDecodeException {
        entries += n;
        if (entries > maxEntries) {
            throw new ReportDecodeException(
                    Problem.TOO_MANY_ENTRIES, "more than " + maxEntries + " map entries and array elements");
        }
        return n;
    }

    private void expectArray(int size, String what) throws IOException, ReportDecodeException {
        int n = in.unpackArrayHeader();
        if (n != size) {
            throw new ReportDecodeException(
                    Problem.MALFORMED,
                    what + " has " + n + " fields, expected " + size + " (format version mismatch?)");
        }
    }
}
