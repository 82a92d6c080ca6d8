package io.scopecloud.tenancy.session;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.scopecloud.tenancy.token.TokenSecrets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Server-side sessions. A session id is 256 random bits, given to the browser once as a cookie
 * and kept only as a hash. Every sign-in makes a new id (no fixation); a session ends after
 * {@code idleTimeout} without use or {@code maxAge} after sign-in, whichever comes first.
 *
 * <p>A session read from PostgreSQL is remembered for {@code cacheTtl} (a second or two), so that
 * one request's CSRF check and access check, and a page's burst of API calls, cost one read.
 * Ending a session forgets it here at once; on other instances it lives on for at most
 * {@code cacheTtl}, the same trade as the probe-token cache (ADR 0007).
 */
public final class Sessions {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final SessionDao sessions;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final Cache<String, Session> recent;

    public Sessions(SessionDao sessions, Clock clock, Duration idleTimeout, Duration maxAge, Duration cacheTtl) {
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout is null");
        this.maxAge = requireNonNull(maxAge, "maxAge is null");
        this.recent = Caffeine.newBuilder()
                .expireAfterWrite(requireNonNull(cacheTtl, "cacheTtl is null"))
                .maximumSize(100_000)
                .build();
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
        String key = HexFormat.of().formatHex(hash);
        Instant now = clock.instant();
        Session session = recent.getIfPresent(key);
        if (session == null) {
            session = sessions.find(hash).orElse(null);
            if (session == null) {
                return Optional.empty();
            }
        }
        if (!session.expiresAt().isAfter(now)) {
            recent.invalidate(key);
            return Optional.empty();
        }
        if (session.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
            Instant expiresAt = expiry(session.createdAt(), now);
            sessions.touch(hash, now, expiresAt);
            session = new Session(
                    session.idHash(), session.userId(), session.csrfToken(), session.createdAt(), now, expiresAt);
        }
        recent.put(key, session);
        return Optional.of(session);
    }

    public void end(String cookieValue) {
        if (cookieValue != null) {
            byte[] hash = TokenSecrets.hash(cookieValue);
            recent.invalidate(HexFormat.of().formatHex(hash));
            sessions.delete(hash);
        }
    }

    /** Ends every other session of the user, e.g. after a password change. */
    public void endOthers(UUID userId, String keepCookieValue) {
        byte[] keep = TokenSecrets.hash(keepCookieValue);
        recent.asMap().values().removeIf(s -> s.userId().equals(userId) && !Arrays.equals(s.idHash(), keep));
        sessions.deleteOthers(userId, keep);
    }

    /** Forgets every cached session of the user, after some of them were ended in PostgreSQL. */
    public void forgetCached(UUID userId) {
        recent.asMap().values().removeIf(s -> s.userId().equals(userId));
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
