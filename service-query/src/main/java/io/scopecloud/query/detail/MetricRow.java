package io.scopecloud.query.detail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One metric of a node. In summaries {@code samples} is null and {@code value} is the last sample
 * cut to two decimals; node details keep the samples.
 */
@JsonInclude(Include.NON_DEFAULT)
@JsonPropertyOrder({"id", "label", "format", "group", "value", "valueEmpty", "priority", "samples", "min", "max", "url"
})
public record MetricRow(
        @JsonProperty("id") @JsonInclude(Include.ALWAYS) String id,
        @JsonProperty("label") @JsonInclude(Include.ALWAYS) String label,
        @JsonProperty("format") String format,
        @JsonProperty("group") String group,
        @JsonProperty("value") @JsonInclude(Include.ALWAYS) double value,
        @JsonProperty("valueEmpty") boolean valueEmpty,
        @JsonProperty("priority") double priority,
        @JsonProperty("samples") @JsonInclude(Include.ALWAYS) @Nullable List<MetricSample> samples,
        @JsonProperty("min") @JsonInclude(Include.ALWAYS) double min,
        @JsonProperty("max") @JsonInclude(Include.ALWAYS) double max,
        @JsonProperty("url") @JsonInclude(Include.ALWAYS) String url) {

    public MetricRow summary() {
        return samples == null
                ? this
                : new MetricRow(id, label, format, group, value, valueEmpty, priority, null, min, max, url);
    }
}
