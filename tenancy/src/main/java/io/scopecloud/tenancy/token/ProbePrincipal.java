package io.scopecloud.tenancy.token;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.access.OrgScope;
import java.security.Principal;
import java.util.UUID;

/** Who a valid probe token speaks for: one org, through one token. */
public record ProbePrincipal(UUID orgId, String orgExternalId, UUID tokenId) implements Principal {
    public ProbePrincipal {
        requireNonNull(orgId, "orgId is null");
        requireNonNull(orgExternalId, "orgExternalId is null");
        requireNonNull(tokenId, "tokenId is null");
    }

    public OrgScope scope() {
        return new OrgScope(orgId, orgExternalId);
    }

    @Override
    public String getName() {
        return orgExternalId;
    }
}
