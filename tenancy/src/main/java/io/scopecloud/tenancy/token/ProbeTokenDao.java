package io.scopecloud.tenancy.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ProbeToken.class)
public interface ProbeTokenDao {
    @SqlUpdate(
            """
        INSERT INTO probe_tokens (org_id, id, name, prefix, token_hash, created_by)
        VALUES (:org, :id, :name, :prefix, :hash, :createdBy)
        """)
    void insert(UUID org, UUID id, String name, String prefix, byte[] hash, UUID createdBy);

    @SqlQuery(
            """
        SELECT org_id, id, name, prefix, created_at, last_used_at, revoked_at
        FROM probe_tokens
        WHERE org_id = :org AND id = :id
        """)
    Optional<ProbeToken> find(UUID org, UUID id);

    @SqlQuery(
            """
        SELECT org_id, id, name, prefix, created_at, last_used_at, revoked_at
        FROM probe_tokens
        WHERE org_id = :org
        ORDER BY created_at
        """)
    List<ProbeToken> list(UUID org);

    /** The one lookup that is not by org: finding which org a presented secret belongs to. */
    @SqlQuery(
            """
        SELECT org_id, id, name, prefix, created_at, last_used_at, revoked_at
        FROM probe_tokens
        WHERE token_hash = :hash
        """)
    Optional<ProbeToken> findByHash(byte[] hash);

    @SqlUpdate("UPDATE probe_tokens SET revoked_at = now() WHERE org_id = :org AND id = :id AND revoked_at IS NULL")
    int revoke(UUID org, UUID id);

    @SqlUpdate("UPDATE probe_tokens SET last_used_at = :at WHERE org_id = :org AND id = :id")
    void touch(UUID org, UUID id, Instant at);
}
