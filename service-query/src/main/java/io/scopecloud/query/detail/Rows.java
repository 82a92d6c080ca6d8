package io.scopecloud.query.detail;

import io.scopecloud.query.render.RenderNode;
import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.Metric;
import io.scopecloud.report.MetricTemplate;
import io.scopecloud.report.Sample;
import io.scopecloud.report.TableTemplate;
import io.scopecloud.report.Topology;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A node's metadata, metric and table rows from its topology's templates (report/*_template.go, table.go). */
final class Rows {
    private static final String TABLE_KEY_SEPARATOR = "___";
    private static final String TRUNCATION_PREFIX = "table_truncation_count_";
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Rows() {}

    static List<MetadataRow> metadata(RenderNode n, Topology t) {
        List<MetadataRow> rows = new ArrayList<>();
        for (MetadataTemplate template : t.metadataTemplates().values()) {
            value(n, template)
                    .ifPresent(v -> rows.add(new MetadataRow(
                            template.id(),
                            template.label(),
                            v,
                            template.priority(),
                            template.dataType(),
                            template.truncate())));
        }
        rows.sort(Comparator.comparingDouble(MetadataRow::priority).thenComparing(MetadataRow::id));
        return rows;
    }

    private static Optional<String> value(RenderNode n, MetadataTemplate t) {
        return switch (t.from()) {
            case "latest" -> n.latestValue(t.id());
            case "sets" -> set(n, t.id());
            case "counters" -> n.counter(t.id()).map(String::valueOf);
            default ->
                n.latestValue(t.id()).or(() -> set(n, t.id())).or(() -> n.counter(t.id())
                        .map(String::valueOf));
        };
    }

    private static Optional<String> set(RenderNode n, String key) {
        List<String> values = n.sets().get(key);
        return values == null ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    static List<MetricRow> metrics(RenderNode n, Topology t, boolean withSamples) {
        List<MetricRow> rows = new ArrayList<>();
        for (MetricTemplate template : t.metricTemplates().values()) {
            Metric metric = n.metrics().get(template.id());
            if (metric == null) {
                continue;
            }
            double value =
                    metric.lastValue().isPresent() ? toFixed2(metric.lastValue().getAsDouble()) : 0;
            List<MetricSample> samples = null;
            if (withSamples) {
                samples = new ArrayList<>(metric.samples().size());
                for (Sample s : metric.samples()) {
                    samples.add(new MetricSample(goTime(s.date()), s.value()));
                }
            }
            rows.add(new MetricRow(
                    template.id(),
                    template.label(),
                    template.format(),
                    template.group(),
                    value,
                    false,
                    template.priority(),
                    samples,
                    metric.min(),
                    metric.max(),
                    ""));
        }
        rows.sort(Comparator.comparingDouble(MetricRow::priority).thenComparing(MetricRow::id));
        return rows;
    }

    /** Go's {@code toFixed}: cut (towards zero), not rounded. */
    static double toFixed2(double v) {
        return (double) (long) (v * 100) / 100;
    }

    /** RFC 3339 with nanoseconds and trailing zeros trimmed, as Go's {@code time.RFC3339Nano}. */
    @SuppressWarnings("JavaInstantGetSecondsGetNano") // getNano() is the fraction of the second SECONDS wrote
    static String goTime(Instant t) {
        StringBuilder sb = new StringBuilder(SECONDS.format(t));
        int nanos = t.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos);
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        return sb.append('Z').toString();
    }

    static List<Table> tables(RenderNode n, Topology t) {
        List<Table> tables = new ArrayList<>();
        for (TableTemplate template : t.tableTemplates().values()) {
            List<Table.Row> rows = TableTemplate.MULTICOLUMN_TABLE.equals(template.type())
                    ? multicolumn(n, template)
                    : propertyList(n, template);
            int truncated = n.latestValue(TRUNCATION_PREFIX + template.prefix())
                    .map(Rows::leadingInt)
                    .orElse(0);
            List<Table.Column> columns = template.columns().isEmpty()
                    ? null
                    : template.columns().stream()
                            .map(c -> new Table.Column(c.id(), c.label(), c.dataType()))
                            .toList();
            tables.add(new Table(
                    template.id(),
                    template.label(),
                    template.type().isEmpty() ? TableTemplate.PROPERTY_LIST : template.type(),
                    columns,
                    rows,
                    truncated));
        }
        tables.sort(Comparator.comparing(Table::id));
        return tables;
    }

    private static int leadingInt(String s) {
        int i = 0;
        String t = s.strip();
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
            i++;
        }
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        try {
            return Integer.parseInt(t.substring(0, i));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<Table.Row> multicolumn(RenderNode n, TableTemplate template) {
        String prefix = template.prefix();
        TreeMap<String, Map<String, String>> rows = new TreeMap<>();
        if (prefix.isEmpty()) {
            return List.of();
        }
        for (Map.Entry<String, LatestEntry> e : n.latest().entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            String rest = e.getKey().substring(prefix.length());
            int sep = rest.indexOf(TABLE_KEY_SEPARATOR);
            if (sep < 0) {
                continue;
            }
            String rowId = rest.substring(0, sep);
            String column = rest.substring(sep + TABLE_KEY_SEPARATOR.length());
            int next = column.indexOf(TABLE_KEY_SEPARATOR);
            if (next >= 0) {
                column = column.substring(0, next);
            }
            rows.computeIfAbsent(rowId, k -> new TreeMap<>())
                    .put(column, e.getValue().value());
        }
        List<Table.Row> out = new ArrayList<>();
        rows.forEach((id, entries) -> out.add(new Table.Row(id, entries)));
        return out;
    }

    private static List<Table.Row> propertyList(RenderNode n, TableTemplate template) {
        String prefix = template.prefix();
        Map<String, String> byLabel = new HashMap<>();
        for (Map.Entry<String, LatestEntry> e : n.latest().entrySet()) {
            String fixed = template.fixedRows().get(e.getKey());
            if (fixed != null) {
                byLabel.put(fixed, e.getValue().value());
            } else if (!prefix.isEmpty() && e.getKey().startsWith(prefix)) {
                byLabel.put(e.getKey().substring(prefix.length()), e.getValue().value());
            }
        }
        TreeMap<String, Table.Row> rows = new TreeMap<>();
        byLabel.forEach((label, value) -> {
            Map<String, String> entries = new LinkedHashMap<>();
            entries.put("label", label);
            entries.put("value", value);
            rows.put("label_" + label, new Table.Row("label_" + label, entries));
        });
        return List.copyOf(rows.values());
    }
}
