package io.scopecloud.control.audit;

import static java.util.Objects.requireNonNull;

import io.scopecloud.control.rpc.Outcome;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One control invocation, as the audit log keeps it. */
public record AuditEntry(
        UUID orgId,
        Instant at,
        String actor,
        @Nullable UUID userId,
        String probeId,
        String nodeId,
        String control,
        @Nullable Map<String, String> args,
        Outcome outcome,
        @Nullable String error,
        long durationMs) {

    public AuditEntry {
        requireNonNull(orgId, "orgId is null");
        requireNonNull(at, "at is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(probeId, "probeId is null");
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(control, "control is null");
        requireNonNull(outcome, "outcome is null");
    }
}
