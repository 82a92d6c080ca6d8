package io.scopecloud.tenancy.member;

import io.scopecloud.tenancy.access.Role;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterColumnMapper;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Member.class)
@RegisterConstructorMapper(Membership.class)
@RegisterColumnMapper(MemberDao.RoleMapper.class)
public interface MemberDao {
    @SqlUpdate(
            """
        INSERT INTO memberships (org_id, user_id, role) VALUES (:org, :userId, :role)
        ON CONFLICT (org_id, user_id) DO NOTHING
        """)
    int insert(UUID org, UUID userId, String role);

    @SqlQuery("SELECT role FROM memberships WHERE org_id = :org AND user_id = :userId")
    Optional<Role> role(UUID org, UUID userId);

    @SqlQuery(
            """
        SELECT m.org_id, m.user_id, u.email, m.role, m.created_at AS joined_at
        FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.org_id = :org
        ORDER BY m.created_at, u.email
        """)
    List<Member> list(UUID org);

    /** Counts the owners and locks their rows, so two concurrent demotions cannot leave none. */
    @SqlQuery(
            """
        SELECT count(*) FROM (
            SELECT 1 FROM memberships WHERE org_id = :org AND role = 'owner' FOR UPDATE
        ) AS owners
        """)
    int owners(UUID org);

    @SqlUpdate("UPDATE memberships SET role = :role WHERE org_id = :org AND user_id = :userId")
    int setRole(UUID org, UUID userId, String role);

    @SqlUpdate("DELETE FROM memberships WHERE org_id = :org AND user_id = :userId")
    int delete(UUID org, UUID userId);

    /** The one query across orgs: the orgs a person belongs to, for their switcher. */
    @SqlQuery(
            """
        SELECT o.id AS org_id, o.external_id AS org_external_id, o.name AS org_name, m.role,
               (o.require_two_factor AND u.totp_enabled_at IS NULL) AS lacks_second_factor
        FROM memberships m JOIN orgs o ON o.id = m.org_id JOIN users u ON u.id = m.user_id
        WHERE m.user_id = :userId
        ORDER BY o.name, o.external_id
        """)
    List<Membership> orgsOf(UUID userId);

    /** A person's membership of the org with that external id, if any: the one read of an access check. */
    @SqlQuery(
            """
        SELECT o.id AS org_id, o.external_id AS org_external_id, o.name AS org_name, m.role,
               (o.require_two_factor AND u.totp_enabled_at IS NULL) AS lacks_second_factor
        FROM orgs o JOIN memberships m ON m.org_id = o.id JOIN users u ON u.id = m.user_id
        WHERE o.external_id = lower(:orgExternalId) AND m.user_id = :userId
        """)
    Optional<Membership> membership(String orgExternalId, UUID userId);

    /** Reads the role column. */
    final class RoleMapper implements ColumnMapper<Role> {
        @Override
        public Role map(java.sql.ResultSet r, int columnNumber, org.jdbi.v3.core.statement.StatementContext ctx)
                throws java.sql.SQLException {
            String value = r.getString(columnNumber);
            return value == null ? null : Role.fromId(value);
        }
    }
}
