package io.scopecloud.tenancy.invite;

import io.scopecloud.tenancy.access.Role;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An invitation to join an org with a role, by link (and by email when one was given). */
public record Invite(
        UUID orgId,
        UUID id,
        @Nullable String email,
        Role role,
        Instant createdAt,
        Instant expiresAt,
        @Nullable Instant acceptedAt) {}
