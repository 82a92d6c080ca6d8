package io.scopecloud.query.topology;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** One entry of {@code GET /api/topology} (Scope's {@code APITopologyDesc}). */
@JsonPropertyOrder({"name", "rank", "hide_if_empty", "options", "url", "sub_topologies", "stats"})
public record TopologyEntry(
        @JsonProperty("name") String name,
        @JsonProperty("rank") int rank,
        @JsonProperty("hide_if_empty") boolean hideIfEmpty,
        @JsonProperty("options") @JsonInclude(Include.ALWAYS) @Nullable List<OptionGroup> options,
        @JsonProperty("url") String url,
        @JsonProperty("sub_topologies") @JsonInclude(Include.NON_NULL) @Nullable List<TopologyEntry> subTopologies,
        @JsonProperty("stats") Stats stats) {

    /** Counts of the view under the request's options. */
    @JsonPropertyOrder({"node_count", "nonpseudo_node_count", "edge_count", "filtered_nodes"})
    public record Stats(
            @JsonProperty("node_count") int nodeCount,
            @JsonProperty("nonpseudo_node_count") int nonpseudoNodeCount,
            @JsonProperty("edge_count") int edgeCount,
            @JsonProperty("filtered_nodes") int filteredNodes) {}
}
