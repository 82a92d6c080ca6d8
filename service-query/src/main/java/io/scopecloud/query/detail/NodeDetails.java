package io.scopecloud.query.detail;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * {@code GET /api/topology/{id}/{node}}: the node's summary (samples kept) plus its controls,
 * children by kind and connection tables.
 */
public record NodeDetails(
        @JsonUnwrapped NodeSummary summary,
        @JsonProperty("controls") @JsonInclude(Include.ALWAYS) List<ControlInstance> controls,
        @JsonProperty("children") @JsonInclude(Include.NON_EMPTY) List<ChildGroup> children,
        @JsonProperty("connections") @JsonInclude(Include.NON_EMPTY) List<ConnectionsTable> connections) {

    /** A control the UI can run on the node, and the probe to send it to. */
    public record ControlInstance(
            @JsonProperty("probeId") String probeId,
            @JsonProperty("nodeId") String nodeId,
            @JsonProperty("id") String id,
            @JsonProperty("human") String human,
            @JsonProperty("icon") String icon,
            @JsonProperty("confirmation") @JsonInclude(Include.NON_EMPTY) String confirmation,
            @JsonProperty("rank") int rank) {}

    /** Children of one kind (processes of a host, containers of a pod...). */
    public record ChildGroup(
            // Scope always writes the group id, even though it is always "".
            @JsonProperty("id") String id,
            @JsonProperty("label") String label,
            @JsonProperty("nodes") List<NodeSummary> nodes,
            @JsonProperty("topologyId") String topologyId,
            @JsonProperty("columns") List<Column> columns) {}

    /** A column of a children or connections table. */
    public record Column(
            @JsonProperty("id") String id,
            @JsonProperty("label") String label,
            @JsonProperty("defaultSort") boolean defaultSort,
            @JsonProperty("dataType") String dataType) {}

    /** The inbound or outbound connections of a node. */
    public record ConnectionsTable(
            @JsonProperty("id") String id,
            @JsonProperty("topologyId") String topologyId,
            @JsonProperty("label") String label,
            @JsonProperty("columns") List<Column> columns,
            @JsonProperty("connections") List<Connection> connections) {}

    /** One row of a connections table. */
    public record Connection(
            @JsonProperty("id") String id,
            @JsonProperty("nodeId") String nodeId,
            @JsonProperty("label") String label,
            @JsonProperty("labelMinor") @JsonInclude(Include.NON_EMPTY) String labelMinor,
            @JsonProperty("metadata") @JsonInclude(Include.NON_EMPTY) List<MetadataRow> metadata) {}
}
