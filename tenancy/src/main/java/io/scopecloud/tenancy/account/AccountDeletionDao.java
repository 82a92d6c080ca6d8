package io.scopecloud.tenancy.account;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface AccountDeletionDao {
    /** The orgs the person is the only owner of, as "Name (external-id)". */
    @SqlQuery(
            """
        SELECT o.name || ' (' || o.external_id || ')'
        FROM memberships m JOIN orgs o ON o.id = m.org_id
        WHERE m.user_id = :userId AND m.role = 'owner'
          AND NOT EXISTS (SELECT 1 FROM memberships x
                          WHERE x.org_id = m.org_id AND x.role = 'owner' AND x.user_id <> :userId)
        ORDER BY o.name
        """)
    List<String> lastOwnerOf(UUID userId);

    /** The audit log keeps its entries; the person is shown as deleted, their email no longer there. */
    @SqlUpdate("UPDATE audit_log SET actor = :shownAs WHERE user_id = :userId")
    int anonymiseAudit(UUID userId, String shownAs);

    @SqlUpdate("DELETE FROM users WHERE id = :userId")
    int delete(UUID userId);
}
