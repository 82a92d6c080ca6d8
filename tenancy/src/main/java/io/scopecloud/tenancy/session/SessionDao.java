package io.scopecloud.tenancy.session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Session.class)
public interface SessionDao {
    @SqlUpdate(
            """
        INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
        VALUES (:idHash, :userId, :csrfToken, :at, :at, :expiresAt)
        """)
    void insert(byte[] idHash, UUID userId, String csrfToken, Instant at, Instant expiresAt);

    @SqlQuery(
            """
        SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at
        FROM sessions
        WHERE id_hash = :idHash
        """)
    Optional<Session> find(byte[] idHash);

    @SqlUpdate("UPDATE sessions SET last_seen_at = :at, expires_at = :expiresAt WHERE id_hash = :idHash")
    void touch(byte[] idHash, Instant at, Instant expiresAt);

    @SqlUpdate("DELETE FROM sessions WHERE id_hash = :idHash")
    int delete(byte[] idHash);

    @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId AND id_hash <> :keep")
    int deleteOthers(UUID userId, byte[] keep);

    @SqlUpdate("DELETE FROM sessions WHERE expires_at < :now")
    int deleteExpired(Instant now);
}
