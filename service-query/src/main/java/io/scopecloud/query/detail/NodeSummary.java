package io.scopecloud.query.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A rendered node as the Scope UI reads it; fields after {@code shape} are omitted when empty. */
@JsonInclude(Include.NON_EMPTY)
public record NodeSummary(
        @JsonProperty("id") @JsonInclude(Include.ALWAYS) String id,
        @JsonProperty("label") @JsonInclude(Include.ALWAYS) String label,
        @JsonProperty("labelMinor") @JsonInclude(Include.ALWAYS) String labelMinor,
        @JsonProperty("rank") @JsonInclude(Include.ALWAYS) String rank,
        @JsonProperty("shape") @JsonInclude(Include.ALWAYS) String shape,
        @JsonProperty("tag") @Nullable String tag,
        @JsonProperty("stack") boolean stack,
        @JsonProperty("pseudo") boolean pseudo,
        @JsonProperty("metadata") List<MetadataRow> metadata,
        @JsonProperty("parents") List<ParentRef> parents,
        @JsonProperty("metrics") List<MetricRow> metrics,
        @JsonProperty("adjacency") List<String> adjacency) {

    @JsonInclude(Include.NON_DEFAULT)
    @Override
    public boolean stack() {
        return stack;
    }

    @JsonInclude(Include.NON_DEFAULT)
    @Override
    public boolean pseudo() {
        return pseudo;
    }
}
