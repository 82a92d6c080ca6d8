package io.scopecloud.tenancy.session;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.token.TokenSecrets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side sessions. A session id is 256 random bits, given to the browser once as a cookie
 * and kept only as a hash. Every sign-in makes a new id (no fixation); a session ends after
 * {@code idleTimeout} without use or {@code maxAge} after sign-in, whichever comes first.
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final SessionDao sessions;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;

    public Sessions(SessionDao sessions, Clock clock, Duration idleTimeout, Duration maxAge) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.maxAge = requireNonNull(maxAge, "maxAge is null");
    }

    /** Starts a session for the user; the returned cookie value exists nowhere else. */
    public NewSession start(UUID userId) {
        String id = random(32);
        String csrf = random(24);
        Instant now = clock.instant();
        sessions.insert(TokenSecrets.hash(id), userId, csrf, now, expiry(now, now));
        return new NewSession(id, csrf, userId);
    }

    /** The live session behind a cookie value, extending its idle deadline as it is used. */
    public Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank() || cookieValue.length() > 200) {
            return Optional.empty();
        }
        byte[] hash = TokenSecrets.hash(cookieValue);
        Instant now = clock.instant();
        Optional<Session> found = sessions.find(hash).filter(s -> s.expiresAt().isAfter(now));
        found.filter(s -> s.lastSeenAt().plus(TOUCH_EVERY).isBefore(now))
                .ifPresent(s -> sessions.touch(hash, now, expiry(s.createdAt(), now)));
        return found;
    }

    public void end(String cookieValue) {
        if (cookieValue != null) {
            sessions.delete(TokenSecrets.hash(cookieValue));
        }
    }

    /** Ends every other session of the user, e.g. after a password change. */
    public void endOthers(UUID userId, String keepCookieValue) {
        sessions.deleteOthers(userId, TokenSecrets.hash(keepCookieValue));
    }

    public int purgeExpired() {
        return sessions.deleteExpired(clock.instant());
    }

    public Duration maxAge() {
        return maxAge;
    }

    private Instant expiry(Instant createdAt, Instant now) {
        Instant idle = now.plus(idleTimeout);
        Instant absolute = createdAt.plus(maxAge);
        return idle.isBefore(absolute) ? idle : absolute;
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A session just started: the cookie value and the CSRF token the page must echo back. */
    public record NewSession(String cookieValue, String csrfToken, UUID userId) {
        @Override
        public String toString() {
            return "NewSession[user=" + userId + "]";
        }
    }
}
