package io.scopecloud.query.detail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One metadata row of a node: {@code id}, {@code label} and {@code value} always, the rest when set. */
@JsonInclude(Include.NON_DEFAULT)
@JsonPropertyOrder({"id", "label", "value", "priority", "dataType", "truncate"})
public record MetadataRow(
        @JsonProperty("id") @JsonInclude(Include.ALWAYS) String id,
        @JsonProperty("label") @JsonInclude(Include.ALWAYS) String label,
        @JsonProperty("value") @JsonInclude(Include.ALWAYS) String value,
        @JsonProperty("priority") double priority,
        @JsonProperty("dataType") String dataType,
        @JsonProperty("truncate") int truncate) {

    public MetadataRow withValue(String newValue) {
        return new MetadataRow(id, label, newValue, priority, dataType, truncate);
    }
}
