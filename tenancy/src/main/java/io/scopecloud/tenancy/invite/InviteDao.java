package io.scopecloud.tenancy.invite;

import io.scopecloud.tenancy.member.MemberDao;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jspecify.annotations.Nullable;

@RegisterConstructorMapper(Invite.class)
@RegisterColumnMapper(MemberDao.RoleMapper.class)
public interface InviteDao {
    @SqlUpdate(
            """
        INSERT INTO invites (org_id, id, token_hash, email, role, created_by, expires_at)
        VALUES (:org, :id, :hash, :email, :role, :createdBy, :expiresAt)
        """)
    void insert(UUID org, UUID id, byte[] hash, @Nullable String email, String role, UUID createdBy, Instant expiresAt);

    @SqlQuery(
            """
        SELECT org_id, id, email, role, created_at, expires_at, accepted_at
        FROM invites
        WHERE org_id = :org AND accepted_at IS NULL AND expires_at > :now
        ORDER BY created_at
        """)
    List<Invite> listOpen(UUID org, Instant now);

    /** The one lookup not by org: which invitation a link's secret opens. */
    @SqlQuery(
            """
        SELECT org_id, id, email, role, created_at, expires_at, accepted_at
        FROM invites
        WHERE token_hash = :hash
        """)
    Optional<Invite> findByHash(byte[] hash);

    @SqlUpdate(
            """
        UPDATE invites SET accepted_at = :at, accepted_by = :userId
        WHERE org_id = :org AND id = :id AND accepted_at IS NULL AND expires_at > :at
        """)
    int accept(UUID org, UUID id, UUID userId, Instant at);

    @SqlUpdate("DELETE FROM invites WHERE org_id = :org AND id = :id AND accepted_at IS NULL")
    int delete(UUID org, UUID id);
}
