package io.scopecloud.control.audit;

import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(AuditRow.class)
public interface AuditDao {
    /**
     * Writes an entry under the org's next audit number ({@link AuditWriter} runs it as one JDBC batch per
     * transaction). Taking the number locks the org's counter row until the transaction ends: write a batch in one
     * order of orgs, so that two writers never wait on each other in a circle.
     */
    String INSERT =
            """
        WITH next AS (
            INSERT INTO audit_numbers (org_id, last) VALUES (:org, 1)
            ON CONFLICT (org_id) DO UPDATE SET last = audit_numbers.last + 1
            RETURNING last)
        INSERT INTO audit_log
            (org_id, number, at, actor, user_id, probe_id, node_id, control, args, outcome, error, duration_ms)
        SELECT :org, next.last, :at, :actor, :userId, :probeId, :nodeId, :control, CAST(:args AS jsonb), :outcome,
               :error, :durationMs
        FROM next
        """;

    /**
     * The newest entries numbered below {@code before} (the org's own audit number), newest first. A person is shown by
     * their email (as it is now); the recorded actor stays for tokens and deleted accounts.
     */
    @SqlQuery(
            """
        SELECT a.org_id, a.number, a.at, coalesce(u.email, a.actor) AS actor, a.user_id, a.probe_id, a.node_id,
               a.control, a.args::text AS args, a.outcome, a.error, a.duration_ms
        FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
        WHERE a.org_id = :org AND a.number < :before
        ORDER BY a.number DESC
        LIMIT :limit
        """)
    List<AuditRow> list(UUID org, long before, int limit);
}
