package io.scopecloud.tenancy.token;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A probe token as listed: never the secret, only its display prefix. */
public record ProbeToken(
        UUID orgId,
        UUID id,
        String name,
        String prefix,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
