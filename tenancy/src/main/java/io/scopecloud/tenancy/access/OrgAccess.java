package io.scopecloud.tenancy.access;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.token.Credentials;
import io.scopecloud.tenancy.token.ProbePrincipal;
import io.scopecloud.tenancy.token.ProbeTokens;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import org.jspecify.annotations.Nullable;

/**
 * Decides who may read {@code /api/app/{org}/…}. Until user sessions exist, the org's own probe
 * token is accepted as a bearer credential. A caller without credentials gets 401; a caller whose
 * credentials are for another org, or for no org, gets the same 404 as for an org that does not
 * exist, so nothing is learnt about other tenants.
 */
public final class OrgAccess {
    static final String CHALLENGE = "Bearer realm=\"scope-cloud\"";

    private final ProbeTokens tokens;

    public OrgAccess(ProbeTokens tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    /** The org named in the path, if the caller may see it; otherwise throws 401 or 404. */
    public OrgScope require(String orgExternalId, @Nullable String authorization) {
        String secret = Credentials.tokenFrom(authorization)
                .orElseThrow(() -> new NotAuthorizedException(
                        "sign in, or send the org's probe token as 'Authorization: Bearer <token>'", CHALLENGE));
        return tokens.authenticate(secret)
                .filter(p -> p.orgExternalId().equalsIgnoreCase(orgExternalId))
                .map(ProbePrincipal::scope)
                .orElseThrow(() -> new NotFoundException("no organisation " + orgExternalId));
    }
}
