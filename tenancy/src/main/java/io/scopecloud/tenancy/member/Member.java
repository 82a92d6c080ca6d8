package io.scopecloud.tenancy.member;

import io.scopecloud.tenancy.access.Role;
import java.time.Instant;
import java.util.UUID;

/** A person's place in an org. */
public record Member(UUID orgId, UUID userId, String email, Role role, Instant joinedAt) {}
