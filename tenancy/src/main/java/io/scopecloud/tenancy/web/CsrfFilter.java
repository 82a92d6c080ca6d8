package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.session.Session;
import io.scopecloud.tenancy.session.Sessions;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * CSRF protection for every state-changing request that a browser could send on its own:
 * <ul>
 *   <li>an {@code Origin} header, when present, must name this very site ({@link SiteOrigin});
 *   <li>a request carrying the session cookie must also carry the session's token in
 *       {@code X-CSRF-Token} (the page gets it from {@code GET /api/session}).
 * </ul>
 * Sign-up, sign-in and the link routes (password reset, email verification) only get the origin
 * check: they start a session, or act by a link's secret, rather than use one.
 * Probes send no cookies, so their routes are untouched.
 */
public final class CsrfFilter implements ContainerRequestFilter {
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    /** Routes that start a session or act by a link's secret, never by the session: origin check only. */
    private static final Set<String> STARTS_SESSION = Set.of(
            "api/signup",
            "api/login",
            "api/login/second-factor",
            "api/password/forgot",
            "api/password/reset",
            "api/email/verify");

    private final Sessions sessions;
    private final SiteOrigin siteOrigin;

    public CsrfFilter(Sessions sessions, SiteOrigin siteOrigin) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.siteOrigin = requireNonNull(siteOrigin, "siteOrigin is null");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (SAFE.contains(request.getMethod())) {
            return;
        }
        Cookie cookie = request.getCookies().get(OrgAccess.SESSION_COOKIE);
        boolean startsSession =
                STARTS_SESSION.contains(stripSlash(request.getUriInfo().getPath()));
        Optional<String> refusal = refusal(
                request.getHeaderString("Origin"),
                request.getHeaderString(HttpHeaders.HOST),
                cookie == null || startsSession ? null : cookie.getValue(),
                request.getHeaderString(HEADER));
        if (refusal.isPresent()) {
            throw refused(refusal.get());
        }
    }

    /**
     * Why a state-changing request that acts by its session would be refused, or empty when it may go on: the
     * {@code Origin} must be this site and, when the session cookie names a live session, {@code sentToken} must be
     * its CSRF token. The one rule for this filter and for handlers in front of Jersey (the control route's).
     */
    public Optional<String> refusal(
            @Nullable String origin,
            @Nullable String host,
            @Nullable String sessionCookie,
            @Nullable String sentToken) {
        if (!siteOrigin.allows(origin, host)) {
            return Optional.of("cross-site request refused (Origin " + origin + ")");
        }
        if (sessionCookie == null) {
            return Optional.empty();
        }
        Optional<Session> session = sessions.find(sessionCookie);
        if (session.isEmpty()) {
            return Optional.empty(); // not signed in: the resource will answer 401
        }
        if (sentToken == null || !constantTimeEquals(sentToken, session.get().csrfToken())) {
            return Optional.of("missing or stale " + HEADER + " header: reload the page and try again");
        }
        return Optional.empty();
    }

    /**
     * A 403 that ends the connection: the body was never read, so Jetty closes the connection after the answer, and
     * a client reusing it for its next request would get no answer at all.
     */
    private static ForbiddenException refused(String message) {
        return new ForbiddenException(
                message,
                Response.status(Response.Status.FORBIDDEN)
                        .header("Connection", "close")
                        .build());
    }

    private static String stripSlash(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
