package io.scopecloud.tenancy.access;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** The org a request was allowed into: everything below it filters by {@code id}. */
public record OrgScope(UUID id, String externalId) {
    public OrgScope {
        requireNonNull(id, "id is null");
        requireNonNull(externalId, "externalId is null");
    }
}
