package io.scopecloud.query.render;

import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.Metric;
import io.scopecloud.report.MetricTemplate;
import io.scopecloud.report.Node;
import io.scopecloud.report.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The metadata and metric rows of a node, from its topology's templates, in priority order. */
final class Summaries {
    private static final String FROM_LATEST = "latest";
    private static final String FROM_SETS = "sets";
    private static final String FROM_COUNTERS = "counters";

    private Summaries() {}

    static List<MetadataRow> metadata(Node node, Topology topology) {
        List<MetadataTemplate> templates =
                new ArrayList<>(topology.metadataTemplates().values());
        templates.sort(Comparator.comparingDouble(MetadataTemplate::priority).thenComparing(MetadataTemplate::id));
        List<MetadataRow> rows = new ArrayList<>();
        for (MetadataTemplate t : templates) {
            value(node, t)
                    .ifPresent(v -> rows.add(new MetadataRow(
                            t.id(),
                            t.label().isEmpty() ? t.id() : t.label(),
                            v,
                            t.priority(),
                            t.dataType(),
                            t.truncate())));
        }
        return rows;
    }

    static List<MetricRow> metrics(Node node, Topology topology) {
        List<MetricTemplate> templates =
                new ArrayList<>(topology.metricTemplates().values());
        templates.sort(Comparator.comparingDouble(MetricTemplate::priority).thenComparing(MetricTemplate::id));
        List<MetricRow> rows = new ArrayList<>();
        for (MetricTemplate t : templates) {
            Metric metric = node.metrics().get(t.id());
            if (metric == null) {
                continue;
            }
            boolean empty = metric.samples().isEmpty();
            double value = empty ? 0 : truncate2(metric.lastValue().getAsDouble());
            rows.add(new MetricRow(
                    t.id(),
                    t.label().isEmpty() ? t.id() : t.label(),
                    t.format(),
                    t.group(),
                    value,
                    empty,
                    t.priority(),
                    null,
                    metric.min(),
                    metric.max(),
                    ""));
        }
        return rows;
    }

    private static Optional<String> value(Node node, MetadataTemplate t) {
        return switch (t.from()) {
            case FROM_LATEST -> node.latestValue(t.id());
            case FROM_SETS -> set(node, t.id());
            case FROM_COUNTERS -> node.latestValue("count_" + t.id());
            default ->
                node.latestValue(t.id()).or(() -> set(node, t.id())).or(() -> node.latestValue("count_" + t.id()));
        };
    }

    private static Optional<String> set(Node node, String key) {
        List<String> values = node.sets().get(key);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
    }

    /** Scope shows summary values cut (not rounded) to two decimals. */
    static double truncate2(double v) {
        return Math.floor(v * 100) / 100;
    }
}
