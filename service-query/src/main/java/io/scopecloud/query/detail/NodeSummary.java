package io.scopecloud.query.detail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * A rendered node as the Scope UI reads it ({@code detailed.NodeSummary}): id, label, minor label
 * and rank always; the rest only when set. Equal summaries mean "no change" in websocket diffs.
 */
@JsonInclude(Include.NON_EMPTY)
@JsonPropertyOrder({
    "id",
    "label",
    "labelMinor",
    "rank",
    "shape",
    "tag",
    "stack",
    "pseudo",
    "metadata",
    "parents",
    "metrics",
    "tables",
    "adjacency"
})
public record NodeSummary(
        @JsonProperty("id") @JsonInclude(Include.ALWAYS) String id,
        @JsonProperty("label") @JsonInclude(Include.ALWAYS) String label,
        @JsonProperty("labelMinor") @JsonInclude(Include.ALWAYS) String labelMinor,
        @JsonProperty("rank") @JsonInclude(Include.ALWAYS) String rank,
        @JsonProperty("shape") String shape,
        @JsonProperty("tag") String tag,
        @JsonProperty("stack") @JsonInclude(Include.NON_DEFAULT) boolean stack,
        @JsonProperty("pseudo") @JsonInclude(Include.NON_DEFAULT) boolean pseudo,
        @JsonProperty("metadata") List<MetadataRow> metadata,
        @JsonProperty("parents") List<ParentRef> parents,
        @JsonProperty("metrics") List<MetricRow> metrics,
        @JsonProperty("tables") List<Table> tables,
        @JsonProperty("adjacency") List<String> adjacency) {

    public NodeSummary withMetadata(List<MetadataRow> rows) {
        return new NodeSummary(
                id, label, labelMinor, rank, shape, tag, stack, pseudo, rows, parents, metrics, tables, adjacency);
    }

    public NodeSummary withMetrics(List<MetricRow> rows) {
        return new NodeSummary(
                id, label, labelMinor, rank, shape, tag, stack, pseudo, metadata, parents, rows, tables, adjacency);
    }

    public NodeSummary withTables(List<Table> newTables) {
        return new NodeSummary(
                id,
                label,
                labelMinor,
                rank,
                shape,
                tag,
                stack,
                pseudo,
                metadata,
                parents,
                metrics,
                newTables,
                adjacency);
    }

    /** The same with metric samples dropped and only the last value kept, as in topology views. */
    public NodeSummary summarizeMetrics() {
        if (metrics.isEmpty()) {
            return this;
        }
        return withMetrics(metrics.stream().map(MetricRow::summary).toList());
    }
}
