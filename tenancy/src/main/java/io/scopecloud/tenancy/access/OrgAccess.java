package io.scopecloud.tenancy.access;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.member.Members;
import io.scopecloud.tenancy.member.Membership;
import io.scopecloud.tenancy.session.Session;
import io.scopecloud.tenancy.session.Sessions;
import io.scopecloud.tenancy.token.Credentials;
import io.scopecloud.tenancy.token.ProbeTokens;
import io.scopecloud.tenancy.token.TokenSecrets;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides who may use {@code /api/app/{org}/…} and the org's portal API. A signed-in member gets
 * their role; anyone else gets 401 without credentials, and the same 404 as for an org that does
 * not exist when their credentials are not for this org, so nothing is learnt about other tenants.
 *
 * <p>For scripts, the org's probe token is also accepted as a bearer credential by {@link #caller},
 * with the viewer role: it can read the org's map, never act on it. The portal's own routes use
 * {@link #member} instead, which takes a session only: a token sits on every monitored host, so it
 * must not list the team's emails and roles, the saved views or the probes.
 */
public final class OrgAccess {
    /** The name of the cookie that carries a signed-in person's session. */
    public static final String SESSION_COOKIE = "scope_session";

    static final String CHALLENGE = "Bearer realm=\"scope-cloud\"";
    static final String SESSION_CHALLENGE = "Session realm=\"scope-cloud\"";

    private final ProbeTokens tokens;
    private final Sessions sessions;
    private final Members members;
    /**
     * A person whose org requires two-factor sign-in of its members and who has not turned it on gets 403 from every
     * route of that org (its map, its shells, its portal pages) until they do: the membership read says so.
     */
    public OrgAccess(ProbeTokens tokens, Sessions sessions, Members members) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.members = requireNonNull(members, "members is null");
    }

    /** The caller, if allowed into the org named in the path; otherwise throws 401 or 404. */
    public OrgCaller caller(String orgExternalId, HttpHeaders headers) {
        return caller(orgExternalId, headers.getHeaderString(HttpHeaders.AUTHORIZATION), sessionCookie(headers));
    }

    /**
     * The same, from the raw credentials, for callers that are not JAX-RS resources (websocket
     * handshakes): the {@code Authorization} header and the session cookie's value.
     */
    public OrgCaller caller(String orgExternalId, @Nullable String authorization, @Nullable String sessionCookie) {
        Optional<Session> session = sessions.find(sessionCookie);
        if (session.isPresent()) {
            return member(orgExternalId, session.get());
        }
        Optional<String> secret = Credentials.tokenFrom(authorization);
        if (secret.isPresent()) {
            return tokens.authenticate(secret.get())
                    .filter(p -> p.orgExternalId().equalsIgnoreCase(orgExternalId))
                    .map(p -> new OrgCaller(
                            p.scope(), Role.VIEWER, null, "token:" + TokenSecrets.displayPrefix(secret.get())))
                    .orElseThrow(() -> notFound(orgExternalId));
        }
        throw new NotAuthorizedException("sign in first (your session may have expired)", CHALLENGE);
    }

    /**
     * A signed-in member of the org named in the path, for the portal API (team, invitations,
     * tokens, probes, views, the org itself): throws 401 without a session, even with a probe
     * token (which is not even looked at, so nothing is learnt about it), and 404 for an org the
     * person is not in.
     */
    public OrgCaller member(String orgExternalId, HttpHeaders headers) {
        Optional<Session> session = sessions.find(sessionCookie(headers));
        if (session.isPresent()) {
            return member(orgExternalId, session.get());
        }
        if (headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            throw new NotAuthorizedException(
                    "a probe token reads the map only (/api/app/" + orgExternalId
                            + "/api/...); sign in to use the portal API",
                    SESSION_CHALLENGE);
        }
        throw new NotAuthorizedException("sign in first (your session may have expired)", SESSION_CHALLENGE);
    }

    /** The org named in the path, if the caller may see it; otherwise throws 401 or 404. */
    public OrgScope require(String orgExternalId, HttpHeaders headers) {
        return caller(orgExternalId, headers).scope();
    }

    public static @Nullable String sessionCookie(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(SESSION_COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private OrgCaller member(String orgExternalId, Session session) {
        Membership m = members.membership(orgExternalId, session.userId()).orElseThrow(() -> notFound(orgExternalId));
        if (m.lacksSecondFactor()) {
            throw new ForbiddenException(m.orgName() + " requires two-factor sign-in of its members: turn it on"
                    + " from your account page (Account, Two-factor sign-in), then come back");
        }
        return new OrgCaller(
                new OrgScope(m.orgId(), m.orgExternalId()), m.role(), session.userId(), "user:" + session.userId());
    }

    private static NotFoundException notFound(String orgExternalId) {
        return new NotFoundException("no organisation " + orgExternalId);
    }
}
