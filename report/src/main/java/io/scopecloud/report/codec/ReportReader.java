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
import io.scopecloud.report.Sampling;
import io.scopecloud.report.TableTemplate;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decodes Scope's report schema (§1) from a {@link TokenSource}: case-sensitive keys, unknown keys skipped, the
 * legacy node keys {@code latestControls} and {@code counters} converted, and everything decoded "into a default
 * report" as Scope's app does (absent topologies and label fields keep their defaults). Sets and adjacency are
 * sorted and de-duplicated by the model.
 */
final class ReportReader {
    private static final Map<String, TopologyType> TOPOLOGY_KEYS = new HashMap<>();

    static {
        for (TopologyType t : TopologyType.values()) {
            TOPOLOGY_KEYS.put(t.reportKey(), t);
        }
    }

    private final TokenSource in;
    private final int maxNodes;
    private int nodes;
    private final List<String> scratch = new ArrayList<>(); // for sets and parents, copied right away

    ReportReader(TokenSource in, DecodeLimits limits) {
        this.in = in;
        this.maxNodes = limits.maxNodes();
    }

    Report read() throws IOException, ReportDecodeException {
        return read(false);
    }

    /**
     * Reads one report; with {@code requireReport}, {@code null} and an object with none of a report's keys (such
     * as {@code {}}) are refused, as no probe sends them (Scope writes every topology and the report's ID).
     */
    Report read(boolean requireReport) throws IOException, ReportDecodeException {
        in.begin();
        if (in.readNull()) {
            if (requireReport) {
                throw new ReportDecodeException(Problem.MALFORMED, "the body is null, not a report object");
            }
            return Report.empty();
        }
        in.startMap();
        Report.Builder b = Report.builder();
        boolean sawReportKey = false;
        String key;
        while ((key = in.nextKey()) != null) {
            TopologyType type = TOPOLOGY_KEYS.get(key);
            if (type != null) {
                sawReportKey = true;
                if (!in.readNull()) {
                    readTopology(b.topology(type));
                }
                continue;
            }
            sawReportKey |= readField(b, key);
        }
        if (requireReport && !sawReportKey) {
            throw new ReportDecodeException(
                    Problem.MALFORMED,
                    "the body has none of a report's keys (topologies such as \"Host\", \"ID\", \"TS\"...)");
        }
        return b.build();
    }

    /** Reads a report's non-topology field; false (and skipped) for a key reports do not have. */
    private boolean readField(Report.Builder b, String key) throws IOException, ReportDecodeException {
        switch (key) {
            case "TS" -> b.ts(in.readTime());
            case "DNS" -> readDns(b, false);
            case "nodes" -> readDns(b, true);
            case "Sampling" -> b.sampling(readSampling());
            case "Window" -> b.windowNanos(in.readLong());
            case "Shortcut" -> b.shortcut(in.readBoolean());
            case "Plugins" -> b.plugins(readPlugins());
            case "ID" -> b.id(in.readString());
            default -> {
                in.skipValue();
                return false;
            }
        }
        return true;
    }

    private void readDns(Report.Builder b, boolean legacy) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startMap();
        String ip;
        while ((ip = in.nextKey()) != null) {
            List<String> forward = List.of();
            List<String> reverse = List.of();
            if (!in.readNull()) {
                in.startMap();
                String k;
                while ((k = in.nextKey()) != null) {
                    switch (k) {
                        case "forward" -> forward = readStringArray();
                        case "reverse" -> reverse = readStringArray();
                        default -> in.skipValue();
                    }
                }
            }
            DnsRecord record = new DnsRecord(forward, reverse);
            if (legacy) {
                b.legacyDns(ip, record);
            } else {
                b.dns(ip, record);
            }
        }
    }

    private Sampling readSampling() throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return Sampling.NONE;
        }
        in.startMap();
        long count = 0;
        long total = 0;
        String k;
        while ((k = in.nextKey()) != null) {
            switch (k) {
                case "Count" -> count = in.readLong();
                case "Total" -> total = in.readLong();
                default -> in.skipValue();
            }
        }
        return new Sampling(count, total);
    }

    private List<PluginSpec> readPlugins() throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return List.of();
        }
        List<PluginSpec> specs = new ArrayList<>();
        in.startArray();
        while (in.nextElement()) {
            if (in.readNull()) {
                continue;
            }
            in.startMap();
            String id = "";
            String label = "";
            String description = "";
            List<String> interfaces = List.of();
            String apiVersion = "";
            String status = "";
            String k;
            while ((k = in.nextKey()) != null) {
                switch (k) {
                    case "id" -> id = in.readString();
                    case "label" -> label = in.readString();
                    case "description" -> description = in.readString();
                    case "interfaces" -> interfaces = readStringArray();
                    case "api_version" -> apiVersion = in.readString();
                    case "status" -> status = in.readString();
                    default -> in.skipValue();
                }
            }
            specs.add(new PluginSpec(id, label, description, interfaces, apiVersion, status));
        }
        return specs;
    }

    private void readTopology(Topology.Builder t) throws IOException, ReportDecodeException {
        in.startMap();
        String key;
        while ((key = in.nextKey()) != null) {
            switch (key) {
                case "shape" -> t.shape(in.readString());
                case "tag" -> t.tag(in.readString());
                case "label" -> t.label(in.readString());
                case "label_plural" -> t.labelPlural(in.readString());
                case "nodes" -> readNodes(t);
                case "controls" -> readControls(t);
                case "metadata_templates" -> readMetadataTemplates(t);
                case "metric_templates" -> readMetricTemplates(t);
                case "table_templates" -> readTableTemplates(t);
                default -> in.skipValue();
            }
        }
    }

    private void readNodes(Topology.Builder t) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startMap();
        String key;
        while ((key = in.nextKey()) != null) {
            t.node(key, readNode());
        }
    }

    private Node readNode() throws IOException, ReportDecodeException {
        if (++nodes > maxNodes) {
            throw in.error(Problem.TOO_MANY_NODES, "more than " + maxNodes + " nodes");
        }
        Node.Builder n = Node.builder("", "");
        if (in.readNull()) {
            return n.build();
        }
        in.startMap();
        Map<String, LatestEntry> latestControls = null;
        Map<String, Long> counters = null;
        String key = in.nextKey(Keys.ID);
        while (key != null) {
            ExpectedKey next = null; // the key Go writes after this one
            switch (key) {
                case "id" -> {
                    n.id(in.readString());
                    next = Keys.TOPOLOGY;
                }
                case "topology" -> {
                    n.topology(in.readString());
                    next = Keys.SETS;
                }
                case "latest" -> {
                    readLatest(n);
                    next = Keys.METRICS;
                }
                case "sets" -> {
                    readSets(n, false);
                    next = Keys.LATEST; // adjacency is omitted when empty, which is most of the time
                }
                case "adjacency" -> {
                    if (!in.readNull()) {
                        in.startArray();
                        while (in.nextElement()) {
                            n.adjacent(in.readString());
                        }
                    }
                    next = Keys.LATEST;
                }
                case "metrics" -> {
                    readMetrics(n);
                    next = Keys.PARENTS;
                }
                case "parents" -> {
                    readSets(n, true);
                    next = Keys.CHILDREN;
                }
                case "children" -> {
                    if (!in.readNull()) {
                        in.startArray();
                        while (in.nextElement()) {
                            n.child(readNode());
                        }
                    }
                }
                case "latestControls" -> latestControls = readLatestControls();
                case "counters" -> counters = readCounters();
                default -> in.skipValue(); // including the node-level "controls" Scope ignores
            }
            key = next == null ? in.nextKey() : in.nextKey(next);
        }
        Node node = n.build();
        if (latestControls != null && !latestControls.isEmpty()) {
            node = applyLatestControls(node, latestControls);
        }
        if (counters != null && !counters.isEmpty()) {
            node = applyCounters(node, counters);
        }
        return node;
    }

    private void readLatest(Node.Builder n) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startMap();
        String key;
        while ((key = in.nextKey()) != null) {
            Instant ts = GoTime.ZERO;
            String value = "";
            if (!in.readNull()) {
                in.startMap();
                String k = in.nextKey(Keys.TIMESTAMP);
                while (k != null) {
                    ExpectedKey next = null;
                    switch (k) {
                        case "timestamp" -> {
                            ts = in.readTime();
                            next = Keys.VALUE;
                        }
                        case "value" -> value = in.readString();
                        default -> in.skipValue();
                    }
                    k = next == null ? in.nextKey() : in.nextKey(next);
                }
            }
            n.latest(key, ts, value);
        }
    }

    private void readSets(Node.Builder n, boolean parents) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startMap();
        String key;
        while ((key = in.nextKey()) != null) {
            scratch.clear();
            readStringsInto(scratch);
            if (parents) {
                n.parents(key, scratch);
            } else {
                n.set(key, scratch);
            }
        }
    }

    private void readMetrics(Node.Builder n) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startMap();
        String key;
        while ((key = in.nextKey()) != null) {
            n.metric(key, readMetric());
        }
    }

    private Metric readMetric() throws IOException, ReportDecodeException {
        List<Sample> samples = new ArrayList<>();
        double min = 0;
        double max = 0;
        if (in.readNull()) {
            return new Metric(samples, min, max);
        }
        in.startMap();
        String k = in.nextKey(Keys.SAMPLES);
        while (k != null) {
            ExpectedKey next = null;
            switch (k) {
                case "samples" -> {
                    if (!in.readNull()) {
                        in.startArray();
                        while (in.nextElement()) {
                            Sample s = readSample();
                            if (s != null) {
                                samples.add(s);
                            }
                        }
                    }
                    next = Keys.MIN;
                }
                case "min" -> {
                    min = in.readDouble();
                    next = Keys.MAX;
                }
                case "max" -> max = in.readDouble();
                default -> in.skipValue(); // legacy "first"/"last" are ignored
            }
            k = next == null ? in.nextKey() : in.nextKey(next);
        }
        return new Metric(samples, min, max);
    }

    private Sample readSample() throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return null;
        }
        in.startMap();
        Instant date = GoTime.ZERO;
        double value = 0;
        String k = in.nextKey(Keys.DATE);
        while (k != null) {
            ExpectedKey next = null;
            switch (k) {
                case "date" -> {
                    date = in.readTime();
                    next = Keys.VALUE;
                }
                case "value" -> value = in.readDouble();
                default -> in.skipValue();
            }
            k = next == null ? in.nextKey() : in.nextKey(next);
        }
        return new Sample(date, value);
    }

    /** Legacy {@code latestControls}: {@code {id:{"timestamp","value":{"dead":bool}}}}. */
    private Map<String, LatestEntry> readLatestControls() throws IOException, ReportDecodeException {
        Map<String, LatestEntry> out = new LinkedHashMap<>();
        if (in.readNull()) {
            return out;
        }
        in.startMap();
        String id;
        while ((id = in.nextKey()) != null) {
            Instant ts = GoTime.ZERO;
            boolean dead = false;
            if (!in.readNull()) {
                in.startMap();
                String k;
                while ((k = in.nextKey()) != null) {
                    if (k.equals("timestamp")) {
                        ts = in.readTime();
                    } else if (k.equals("value") && !in.readNull()) {
                        in.startMap();
                        String v;
                        while ((v = in.nextKey()) != null) {
                            if (v.equals("dead")) {
                                dead = in.readBoolean();
                            } else {
                                in.skipValue();
                            }
                        }
                    } else if (!k.equals("value")) {
                        in.skipValue();
                    }
                }
            }
            out.put(id, new LatestEntry(ts, dead ? "dead" : ""));
        }
        return out;
    }

    private Map<String, Long> readCounters() throws IOException, ReportDecodeException {
        Map<String, Long> out = new LinkedHashMap<>();
        if (in.readNull()) {
            return out;
        }
        in.startMap();
        String k;
        while ((k = in.nextKey()) != null) {
            out.merge(k, in.readLong(), Long::sum);
        }
        return out;
    }

    /**
     * Converts legacy {@code latestControls} to {@code active_controls}: the (sorted) ids whose value is not dead,
     * stamped with the newest timestamp among them all.
     */
    static Node applyLatestControls(Node node, Map<String, LatestEntry> controls) {
        TreeSet<String> live = new TreeSet<>();
        Instant newest = GoTime.ZERO;
        for (Map.Entry<String, LatestEntry> e : controls.entrySet()) {
            if (!e.getValue().value().equals("dead")) {
                live.add(e.getKey());
            }
            if (e.getValue().timestamp().isAfter(newest)) {
                newest = e.getValue().timestamp();
            }
        }
        LatestEntry existing = node.latest().get(Node.ACTIVE_CONTROLS);
        if (existing != null && !existing.timestamp().isBefore(newest)) {
            return node;
        }
        return node.withLatest(Node.ACTIVE_CONTROLS, newest, String.join(";", live));
    }

    /**
     * Converts legacy {@code counters}: adds each value to the integer in latest {@code count_<k>}. Scope stamps
     * the result with the current time; we use the node's newest latest timestamp, keeping decoding deterministic.
     */
    static Node applyCounters(Node node, Map<String, Long> counters) {
        Instant newest = GoTime.ZERO;
        for (LatestEntry e : node.latest().values()) {
            if (e.timestamp().isAfter(newest)) {
                newest = e.timestamp();
            }
        }
        for (Map.Entry<String, Long> e : counters.entrySet()) {
            String key = "count_" + e.getKey();
            long value = e.getValue();
            LatestEntry prev = node.latest().get(key);
            if (prev != null) {
                try {
                    value += Long.parseLong(prev.value());
                } catch (NumberFormatException ignored) {
                    // Not a counter after all: the legacy value replaces it.
                }
            }
            node = node.withLatest(key, newest, Long.toString(value));
        }
        return node;
    }

    private void readControls(Topology.Builder t) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startMap();
        String key;
        while ((key = in.nextKey()) != null) {
            String id = "";
            String human = "";
            String icon = "";
            String confirmation = "";
            int rank = 0;
            String probeId = "";
            if (!in.readNull()) {
                in.startMap();
                String k;
                while ((k = in.nextKey()) != null) {
                    switch (k) {
                        case "id" -> id = in.readString();
                        case "human" -> human = in.readString();
                        case "icon" -> icon = in.readString();
                        case "confirmation" -> confirmation = in.readString();
                        case "rank" -> rank = readInt();
                        case "probeId" -> probeId = in.readString();
                        default -> in.skipValue();
                    }
                }
            }
            t.control(key, new Control(id, human, icon, confirmation, rank, probeId));
        }
    }

    private void readMetadataTemplates(Topology.Builder t) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startMap();
        String key;
        while ((key = in.nextKey()) != null) {
            String id = "";
            String label = "";
            int truncate = 0;
            String dataType = "";
            double priority = 0;
            String from = "";
            if (!in.readNull()) {
                in.startMap();
                String k;
                while ((k = in.nextKey()) != null) {
                    switch (k) {
                        case "id" -> id = in.readString();
                        case "label" -> label = in.readString();
                        case "truncate" -> truncate = readInt();
                        case "dataType" -> dataType = in.readString();
                        case "priority" -> priority = in.readDouble();
                        case "from" -> from = in.readString();
                        default -> in.skipValue();
                    }
                }
            }
            t.metadataTemplate(key, new MetadataTemplate(id, label, truncate, dataType, priority, from));
        }
    }

    private void readMetricTemplates(Topology.Builder t) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startMap();
        String key;
        while ((key = in.nextKey()) != null) {
            String id = "";
            String label = "";
            String format = "";
            String group = "";
            double priority = 0;
            if (!in.readNull()) {
                in.startMap();
                String k;
                while ((k = in.nextKey()) != null) {
                    switch (k) {
                        case "id" -> id = in.readString();
                        case "label" -> label = in.readString();
                        case "format" -> format = in.readString();
                        case "group" -> group = in.readString();
                        case "priority" -> priority = in.readDouble();
                        default -> in.skipValue();
                    }
                }
            }
            t.metricTemplate(key, new MetricTemplate(id, label, format, group, priority));
        }
    }

    private void readTableTemplates(Topology.Builder t) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startMap();
        String key;
        while ((key = in.nextKey()) != null) {
            String id = "";
            String label = "";
            String prefix = "";
            String type = "";
            List<TableTemplate.Column> columns = new ArrayList<>();
            Map<String, String> fixedRows = new HashMap<>();
            if (!in.readNull()) {
                in.startMap();
                String k;
                while ((k = in.nextKey()) != null) {
                    switch (k) {
                        case "id" -> id = in.readString();
                        case "label" -> label = in.readString();
                        case "prefix" -> prefix = in.readString();
                        case "type" -> type = in.readString();
                        case "columns" -> readColumns(columns);
                        case "fixedRows" -> {
                            if (!in.readNull()) {
                                in.startMap();
                                String row;
                                while ((row = in.nextKey()) != null) {
                                    fixedRows.put(row, in.readString());
                                }
                            }
                        }
                        default -> in.skipValue();
                    }
                }
            }
            t.tableTemplate(key, new TableTemplate(id, label, prefix, type, columns, fixedRows));
        }
    }

    private void readColumns(List<TableTemplate.Column> columns) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startArray();
        while (in.nextElement()) {
            if (in.readNull()) {
                continue;
            }
            in.startMap();
            String id = "";
            String label = "";
            String dataType = "";
            String k;
            while ((k = in.nextKey()) != null) {
                switch (k) {
                    case "id" -> id = in.readString();
                    case "label" -> label = in.readString();
                    case "dataType" -> dataType = in.readString();
                    default -> in.skipValue();
                }
            }
            columns.add(new TableTemplate.Column(id, label, dataType));
        }
    }

    /** Keys in the order Go writes them, for {@link TokenSource#nextKey(ExpectedKey)}. */
    private static final class Keys {
        static final ExpectedKey ID = new ExpectedKey("id");
        static final ExpectedKey TOPOLOGY = new ExpectedKey("topology");
        static final ExpectedKey SETS = new ExpectedKey("sets");
        static final ExpectedKey LATEST = new ExpectedKey("latest");
        static final ExpectedKey METRICS = new ExpectedKey("metrics");
        static final ExpectedKey PARENTS = new ExpectedKey("parents");
        static final ExpectedKey CHILDREN = new ExpectedKey("children");
        static final ExpectedKey TIMESTAMP = new ExpectedKey("timestamp");
        static final ExpectedKey VALUE = new ExpectedKey("value");
        static final ExpectedKey SAMPLES = new ExpectedKey("samples");
        static final ExpectedKey MIN = new ExpectedKey("min");
        static final ExpectedKey MAX = new ExpectedKey("max");
        static final ExpectedKey DATE = new ExpectedKey("date");

        private Keys() {}
    }

    private int readInt() throws IOException, ReportDecodeException {
        long v = in.readLong();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw in.error(Problem.WRONG_TYPE, "integer " + v + " out of range");
        }
        return (int) v;
    }

    /** A string array that may be null (→ empty). */
    private List<String> readStringArray() throws IOException, ReportDecodeException {
        List<String> out = new ArrayList<>();
        readStringsInto(out);
        return out;
    }

    private void readStringsInto(List<String> out) throws IOException, ReportDecodeException {
        if (in.readNull()) {
            return;
        }
        in.startArray();
        while (in.nextElement()) {
            out.add(in.readString());
        }
    }
}
