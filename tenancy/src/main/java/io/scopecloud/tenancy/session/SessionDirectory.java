package io.scopecloud.tenancy.session;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.token.TokenSecrets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A person's sessions, as the account page shows them: where each began, and ending any of
 * them. Ending one forgets the person's cached sessions here at once (other instances within
 * {@code sessionCacheTtl}, as for signing out).
 */
public final class SessionDirectory {
    static final int MAX_USER_AGENT = 300;

    private final SessionDirectoryDao dao;
    private final Sessions sessions;
    private final Clock clock;

    public SessionDirectory(SessionDirectoryDao dao, Sessions sessions, Clock clock) {
        this.dao = requireNonNull(dao, "dao is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Notes where a new session began: the client address and its browser's User-Agent (cut short). */
    public void recordOrigin(String cookieValue, @Nullable String address, @Nullable String userAgent) {
        String agent = userAgent == null ? "" : userAgent.strip();
        if (agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        dao.setOrigin(TokenSecrets.hash(cookieValue), address == null ? "" : address, agent);
    }

    public List<SessionInfo> list(UUID userId) {
        return dao.list(userId, clock.instant());
    }

    /** Ends one of the person's sessions; false when they have none with that id. */
    public boolean end(UUID userId, UUID publicId) {
        int ended = dao.delete(userId, publicId);
        sessions.forgetCached(userId);
        return ended > 0;
    }

    /** Ends every session of the person, e.g. after a password reset. */
    public void endAll(UUID userId) {
        dao.deleteAll(userId);
        sessions.forgetCached(userId);
    }
}
