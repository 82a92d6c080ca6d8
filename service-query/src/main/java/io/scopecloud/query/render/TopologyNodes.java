package io.scopecloud.query.render;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The body of {@code GET /api/topology/{id}}. */
public record TopologyNodes(@JsonProperty("nodes") Map<String, NodeSummary> nodes) {}
