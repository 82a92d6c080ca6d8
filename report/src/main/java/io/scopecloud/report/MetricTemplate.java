package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * How the UI shows one metric: {@code {"id","label"?,"format"?,"group"?,"priority"?}}; {@code format} is "",
 * {@code filesize}, {@code integer} or {@code percent}. On a merge collision the higher priority wins.
 */
public record MetricTemplate(String id, String label, String format, String group, double priority) {
    static final Comparator<MetricTemplate> MERGE_ORDER = Comparator.comparingDouble(MetricTemplate::priority)
            .thenComparing(MetricTemplate::label, Utf8Order.COMPARATOR)
            .thenComparing(MetricTemplate::format, Utf8Order.COMPARATOR)
            .thenComparing(MetricTemplate::group, Utf8Order.COMPARATOR)
            .thenComparing(MetricTemplate::id, Utf8Order.COMPARATOR);

    public MetricTemplate {
        requireNonNull(id, "id is null");
        label = label == null ? "" : label;
        format = format == null ? "" : format;
        group = group == null ? "" : group;
    }
}
