package io.scopecloud.tenancy.access;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.ForbiddenException;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Someone allowed into one org: the org, their role in it, and who they are for the audit log
 * ({@code actor}: {@code user:<id>} for a person, whose email the audit list shows, or
 * {@code token:<prefix>} for a probe token used as a bearer).
 */
public record OrgCaller(OrgScope scope, Role role, @Nullable UUID userId, String actor) {
    public OrgCaller {
        requireNonNull(scope, "scope is null");
        requireNonNull(role, "role is null");
        requireNonNull(actor, "actor is null");
    }

    public Optional<UUID> user() {
        return Optional.ofNullable(userId);
    }

    /** Throws 403 unless the caller's role is at least {@code minimum}. */
    public OrgCaller require(Role minimum) {
        if (!role.atLeast(minimum)) {
            throw new ForbiddenException(
                    "this needs the " + minimum.id() + " role in " + scope.externalId() + "; you are " + role.id());
        }
        return this;
    }
}
