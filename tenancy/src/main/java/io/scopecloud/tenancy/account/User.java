package io.scopecloud.tenancy.account;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A person who can sign in; the email is verified once its holder opened a link sent to it. */
public record User(UUID id, String email, Instant createdAt, @Nullable Instant emailVerifiedAt) {
    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }
}
