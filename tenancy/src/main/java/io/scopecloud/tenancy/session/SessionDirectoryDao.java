package io.scopecloud.tenancy.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(SessionInfo.class)
public interface SessionDirectoryDao {
    @SqlUpdate("UPDATE sessions SET address = :address, user_agent = :userAgent WHERE id_hash = :idHash")
    void setOrigin(byte[] idHash, String address, String userAgent);

    @SqlQuery(
            """
        SELECT public_id, id_hash, created_at, last_seen_at, address, user_agent
        FROM sessions
        WHERE user_id = :userId AND expires_at > :now
        ORDER BY last_seen_at DESC
        """)
    List<SessionInfo> list(UUID userId, Instant now);

    @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId AND public_id = :publicId")
    int delete(UUID userId, UUID publicId);

    @SqlUpdate("DELETE FROM sessions WHERE user_id = :userId")
    int deleteAll(UUID userId);
}
