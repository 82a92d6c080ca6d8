package io.scopecloud.control.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A row of {@code audit_log}, with {@code args} as JSON text and the org's own number for the entry. */
public record AuditRow(
        UUID orgId,
        long number,
        Instant at,
        String actor,
        @Nullable UUID userId,
        String probeId,
        String nodeId,
        String control,
        @Nullable String args,
        String outcome,
        @Nullable String error,
        int durationMs) {}
