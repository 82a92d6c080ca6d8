package io.scopecloud.tenancy.view;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a view saves: the topology, its options, the search text and the selected node. */
public record ViewSpec(
        @JsonProperty("name") @NotBlank @Size(max = 200) String name,
        @JsonProperty("topology") @NotBlank @Size(max = 100) @Pattern(regexp = "[a-z0-9-]+") String topology,
        @JsonProperty("options") @NotNull @Size(max = 50) Map<@Size(max = 100) String, @Size(max = 500) String> options,
        @JsonProperty("search") @Size(max = 1000) @Nullable String search,
        @JsonProperty("selectedNode") @Size(max = 1000) @Nullable String selectedNode,
        @JsonProperty("shared") boolean shared) {}
