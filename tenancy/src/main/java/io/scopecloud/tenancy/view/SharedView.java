package io.scopecloud.tenancy.view;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A saved way of looking at the map: which topology, with which options (a JSON object of option
 * id to value), search text and selected node. Shared views are visible to the whole org.
 */
public record SharedView(
        UUID orgId,
        UUID id,
        String name,
        String topology,
        String options,
        String search,
        @Nullable String selectedNode,
        @Nullable UUID ownerId,
        boolean shared,
        Instant createdAt,
        Instant updatedAt) {}
