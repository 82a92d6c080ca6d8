package io.scopecloud.tenancy.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.testing.MovableClock;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The session cache: one PostgreSQL read per burst, and an ended session is gone at once. */
class SessionsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final RecordingDao dao = new RecordingDao();
    private final MovableClock clock = new MovableClock(T0);
    private final Sessions sessions =
            new Sessions(dao, clock, Duration.ofDays(7), Duration.ofDays(30), Duration.ofMinutes(1));

    @Test
    void aBurstOfRequestsReadsTheSessionOnce() {
        Sessions.NewSession s = sessions.start(UUID.randomUUID());

        for (int i = 0; i < 5; i++) {
            assertThat(sessions.find(s.cookieValue())).map(Session::userId).contains(s.userId());
        }

        assertThat(dao.reads).isEqualTo(1);
    }

    @Test
    void anEndedSessionIsNotServedFromTheCache() {
        Sessions.NewSession s = sessions.start(UUID.randomUUID());
        sessions.find(s.cookieValue());

        sessions.end(s.cookieValue());

        assertThat(sessions.find(s.cookieValue())).isEmpty();
    }

    @Test
    void endingOthersKeepsTheCurrentSessionOnly() {
        UUID user = UUID.randomUUID();
        Sessions.NewSession current = sessions.start(user);
        Sessions.NewSession other = sessions.start(user);
        sessions.find(current.cookieValue());
        sessions.find(other.cookieValue());

        sessions.endOthers(user, current.cookieValue());

        assertThat(sessions.find(current.cookieValue())).isPresent();
        assertThat(sessions.find(other.cookieValue())).isEmpty();
    }

    @Test
    void aCachedSessionStillExpiresOnTime() {
        Sessions.NewSession s = sessions.start(UUID.randomUUID());
        sessions.find(s.cookieValue());

        clock.advance(Duration.ofDays(8));

        assertThat(sessions.find(s.cookieValue())).isEmpty();
    }

    @Test
    void useExtendsTheIdleDeadlineAtMostOnceAMinute() {
        Sessions.NewSession s = sessions.start(UUID.randomUUID());
        clock.advance(Duration.ofMinutes(2));

        sessions.find(s.cookieValue());
        sessions.find(s.cookieValue());

        assertThat(dao.touches).isEqualTo(1);
        assertThat(sessions.find(s.cookieValue()).orElseThrow().expiresAt())
                .isEqualTo(T0.plus(Duration.ofMinutes(2)).plus(Duration.ofDays(7)));
    }

    /** PostgreSQL's table as a map, counting the reads the cache should save. */
    private static final class RecordingDao implements SessionDao {
        private final Map<ByteBuffer, Session> rows = new HashMap<>();
        int reads;
        int touches;

        @Override
        public void insert(byte[] idHash, UUID userId, String csrfToken, Instant at, Instant expiresAt) {
            rows.put(ByteBuffer.wrap(idHash), new Session(idHash, userId, csrfToken, at, at, expiresAt));
        }

        @Override
        public Optional<Session> find(byte[] idHash) {
            reads++;
            return Optional.ofNullable(rows.get(ByteBuffer.wrap(idHash)));
        }

        @Override
        public void touch(byte[] idHash, Instant at, Instant expiresAt) {
            touches++;
            rows.computeIfPresent(
                    ByteBuffer.wrap(idHash),
                    (k, s) -> new Session(s.idHash(), s.userId(), s.csrfToken(), s.createdAt(), at, expiresAt));
        }

        @Override
        public int delete(byte[] idHash) {
            return rows.remove(ByteBuffer.wrap(idHash)) == null ? 0 : 1;
        }

        @Override
        public int deleteOthers(UUID userId, byte[] keep) {
            int before = rows.size();
            rows.values()
                    .removeIf(s -> s.userId().equals(userId)
                            && !ByteBuffer.wrap(s.idHash()).equals(ByteBuffer.wrap(keep)));
            return before - rows.size();
        }

        @Override
        public int deleteExpired(Instant now) {
            int before = rows.size();
            rows.values().removeIf(s -> s.expiresAt().isBefore(now));
            return before - rows.size();
        }
    }
}
