package io.scopecloud.tenancy.web;

import io.scopecloud.tenancy.access.OrgAccess;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/** The session cookie: HttpOnly, SameSite=Lax, Secure when configured, scoped to the whole site. */
final class SessionCookies {
    private final boolean secure;
    private final Duration maxAge;

    SessionCookies(boolean secure, Duration maxAge) {
        this.secure = secure;
        this.maxAge = maxAge;
    }

    NewCookie issue(String value) {
        return build(value, (int) Math.min(Integer.MAX_VALUE, maxAge.toSeconds()));
    }

    NewCookie clear() {
        return build("", 0);
    }

    private NewCookie build(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(OrgAccess.SESSION_COOKIE)
                .value(value)
                .path("/")
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure(secure)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }
}
