package io.scopecloud.control.pipe;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Where each pipe lives and whether it is closed. */
@RegisterConstructorMapper(PipeRecord.class)
public interface PipeDao {
    /** The pipe, created with this instance as its home if it did not exist. */
    @SqlQuery(
            """
        INSERT INTO pipes (org_id, pipe_id, instance_id, instance_url)
        VALUES (:org, :pipeId, :instanceId, :instanceUrl)
        ON CONFLICT (org_id, pipe_id) DO UPDATE SET org_id = pipes.org_id
        RETURNING org_id, pipe_id, instance_id, instance_url, min_role, closed_at
        """)
    PipeRecord claim(UUID org, String pipeId, String instanceId, String instanceUrl);

    /** The same, and sets the role the UI end needs (a control just answered with this pipe). */
    @SqlQuery(
            """
        INSERT INTO pipes (org_id, pipe_id, instance_id, instance_url, min_role)
        VALUES (:org, :pipeId, :instanceId, :instanceUrl, :minRole)
        ON CONFLICT (org_id, pipe_id) DO UPDATE SET min_role = excluded.min_role
        RETURNING org_id, pipe_id, instance_id, instance_url, min_role, closed_at
        """)
    PipeRecord claimWithRole(UUID org, String pipeId, String instanceId, String instanceUrl, String minRole);

    @SqlQuery(
            """
        SELECT org_id, pipe_id, instance_id, instance_url, min_role, closed_at
        FROM pipes
        WHERE org_id = :org AND pipe_id = :pipeId
        """)
    Optional<PipeRecord> find(UUID org, String pipeId);

    /** Marks the pipe closed (keeping the first closing time); empty if there is no such pipe. */
    @SqlQuery(
            """
        UPDATE pipes SET closed_at = coalesce(closed_at, now())
        WHERE org_id = :org AND pipe_id = :pipeId
        RETURNING org_id, pipe_id, instance_id, instance_url, min_role, closed_at
        """)
    Optional<PipeRecord> close(UUID org, String pipeId);

    @SqlUpdate("DELETE FROM pipes WHERE org_id = :org AND pipe_id = :pipeId")
    int forget(UUID org, String pipeId);

    /**
     * Maintenance across tenants, by home instance: the closed pipes an instance is home to, so
     * that a close recorded elsewhere reaches it even if the close call was lost.
     */
    @SqlQuery(
            """
        SELECT org_id, pipe_id, instance_id, instance_url, min_role, closed_at
        FROM pipes
        WHERE instance_id = :instanceId AND closed_at IS NOT NULL
        """)
    List<PipeRecord> closedAt(String instanceId);
}
