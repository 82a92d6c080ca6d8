package io.scopecloud.tenancy.session;

import java.time.Instant;
import java.util.UUID;

/** A signed-in browser: whose it is, its CSRF token, and when it ends. */
@SuppressWarnings("ArrayRecordComponent") // a value carrier: never compared or hashed
public record Session(
        byte[] idHash, UUID userId, String csrfToken, Instant createdAt, Instant lastSeenAt, Instant expiresAt) {}
