package io.scopecloud.control.pipe;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A pipe as PostgreSQL knows it: its home instance, the role its UI end needs, whether it closed. */
public record PipeRecord(
        UUID orgId, String pipeId, String instanceId, String instanceUrl, String minRole, @Nullable Instant closedAt) {

    public boolean closed() {
        return closedAt != null;
    }
}
