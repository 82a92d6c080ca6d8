package io.scopecloud.query.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One metadata row of a node: {@code label} and {@code value} always, the rest when set. */
@JsonInclude(Include.NON_DEFAULT)
public record MetadataRow(
        @JsonProperty("id") @JsonInclude(Include.ALWAYS) String id,
        @JsonProperty("label") @JsonInclude(Include.ALWAYS) String label,
        @JsonProperty("value") @JsonInclude(Include.ALWAYS) String value,
        @JsonProperty("priority") double priority,
        @JsonProperty("dataType") String dataType,
        @JsonProperty("truncate") int truncate) {}
