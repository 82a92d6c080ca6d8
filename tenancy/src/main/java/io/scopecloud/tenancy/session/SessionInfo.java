package io.scopecloud.tenancy.session;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A session as its person sees it on the account page: when, from which address and browser. */
@SuppressWarnings("ArrayRecordComponent") // a value carrier: never compared or hashed
public record SessionInfo(
        UUID publicId,
        byte[] idHash,
        Instant createdAt,
        Instant lastSeenAt,
        @Nullable String address,
        @Nullable String userAgent) {}
