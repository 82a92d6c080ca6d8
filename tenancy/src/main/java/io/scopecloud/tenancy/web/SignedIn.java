package io.scopecloud.tenancy.web;

import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.session.Session;
import io.scopecloud.tenancy.session.Sessions;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;

/** The signed-in person behind a request, for the portal routes that are not about one org. */
record SignedIn(Session session, String cookieValue) {
    static SignedIn require(Sessions sessions, HttpHeaders headers) {
        String cookie = OrgAccess.sessionCookie(headers);
        return sessions.find(cookie)
                .map(s -> new SignedIn(s, cookie))
                .orElseThrow(() -> new NotAuthorizedException(
                        "sign in first (your session may have expired)", "Session realm=\"scope-cloud\""));
    }
}
