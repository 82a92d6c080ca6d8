package io.scopecloud.query.detail;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A link from a node to its parent in another view. */
public record ParentRef(
        @JsonProperty("id") String id,
        @JsonProperty("label") String label,
        @JsonProperty("topologyId") String topologyId) {}
