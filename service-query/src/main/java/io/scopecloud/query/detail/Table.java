package io.scopecloud.query.detail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A table of a node (labels, env, multi-column data), built from a table template. */
@JsonPropertyOrder({"id", "label", "type", "columns", "rows", "truncationCount"})
public record Table(
        @JsonProperty("id") String id,
        @JsonProperty("label") String label,
        @JsonProperty("type") String type,
        @JsonProperty("columns") @Nullable List<Column> columns,
        @JsonProperty("rows") List<Row> rows,
        @JsonProperty("truncationCount") @JsonInclude(Include.NON_DEFAULT) int truncationCount) {

    /** A column of a multi-column table. */
    public record Column(
            @JsonProperty("id") String id,
            @JsonProperty("label") String label,
            @JsonProperty("dataType") String dataType) {}

    /** A row: cell values by column id. */
    public record Row(@JsonProperty("id") String id, @JsonProperty("entries") Map<String, String> entries) {}
}
