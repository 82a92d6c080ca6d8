package io.scopecloud.tenancy.access;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.token.Credentials;
import io.scopecloud.tenancy.token.ProbeTokens;
import io.scopecloud.tenancy.token.TokenSecrets;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Decides who may read {@code /api/app/{org}/…}. Until user sessions exist, the org's own probe
 * token is accepted as a bearer credential. A caller without credentials gets 401; a caller whose
 * credentials are for another org, or for no org, gets the same 404 as for an org that does not
 * exist, so nothing is learnt about other tenants.
 */
public final class OrgAccess {
    /** The name of the cookie that carries a signed-in person's session. */
    public static final String SESSION_COOKIE = "scope_session";

    static final String CHALLENGE = "Bearer realm=\"scope-cloud\"";

    private final ProbeTokens tokens;

    public OrgAccess(ProbeTokens tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    /**
     * The caller, if allowed into the org named in the path; otherwise throws 401 or 404. Until
     * user sessions exist, a probe token used as a bearer credential acts as the org's owner.
     */
    public OrgCaller caller(String orgExternalId, HttpHeaders headers) {
        Cookie session = headers.getCookies().get(SESSION_COOKIE);
        return caller(
                orgExternalId,
                headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                session == null ? null : session.getValue());
    }

    /**
     * The same, from the raw credentials, for callers that are not JAX-RS resources (websocket
     * handshakes): the {@code Authorization} header and the session cookie's value.
     */
    public OrgCaller caller(String orgExternalId, @Nullable String authorization, @Nullable String sessionCookie) {
        String secret = Credentials.tokenFrom(authorization)
                .orElseThrow(() -> new NotAuthorizedException(
                        "sign in, or send the org's probe token as 'Authorization: Bearer <token>'", CHALLENGE));
        return tokens.authenticate(secret)
                .filter(p -> p.orgExternalId().equalsIgnoreCase(orgExternalId))
                .map(p -> new OrgCaller(p.scope(), Role.OWNER, null, "token:" + TokenSecrets.displayPrefix(secret)))
                .orElseThrow(() -> new NotFoundException("no organisation " + orgExternalId));
    }

    /** The org named in the path, if the caller may see it; otherwise throws 401 or 404. */
    public OrgScope require(String orgExternalId, HttpHeaders headers) {
        return caller(orgExternalId, headers).scope();
    }
}
