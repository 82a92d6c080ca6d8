package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * How the UI shows one metadata row: {@code {"id","label"?,"truncate"?,"dataType"?,"priority"?,"from"?}}.
 * {@code from} is {@code latest}, {@code sets} or {@code counters} (empty: try them in that order). On a merge
 * collision the higher priority wins. Null strings become "".
 */
public record MetadataTemplate(String id, String label, int truncate, String dataType, double priority, String from) {
    static final Comparator<MetadataTemplate> MERGE_ORDER = Comparator.comparingDouble(MetadataTemplate::priority)
            .thenComparing(MetadataTemplate::label, Utf8Order.COMPARATOR)
            .thenComparingInt(MetadataTemplate::truncate)
            .thenComparing(MetadataTemplate::dataType, Utf8Order.COMPARATOR)
            .thenComparing(MetadataTemplate::from, Utf8Order.COMPARATOR)
            .thenComparing(MetadataTemplate::id, Utf8Order.COMPARATOR);

    public MetadataTemplate {
        requireNonNull(id, "id is null");
        label = label == null ? "" : label;
        dataType = dataType == null ? "" : dataType;
        from = from == null ? "" : from;
    }
}
