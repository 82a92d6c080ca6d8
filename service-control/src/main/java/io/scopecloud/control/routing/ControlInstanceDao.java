package io.scopecloud.control.routing;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The live control instances. Not tenant data: every statement is by instance. An instance whose
 * heartbeat is older than the expiry is dead, and deleting its row drops the probe connections
 * and pipes it held.
 */
public interface ControlInstanceDao {
    @SqlUpdate(
            """
        INSERT INTO control_instances (instance_id, url, started_at, heartbeat_at)
        VALUES (:instanceId, :url, now(), now())
        ON CONFLICT (instance_id) DO UPDATE SET url = excluded.url, heartbeat_at = now()
        """)
    void upsert(String instanceId, String url);

    @SqlUpdate("UPDATE control_instances SET heartbeat_at = now() WHERE instance_id = :instanceId")
    int heartbeat(String instanceId);

    @SqlUpdate(
            """
        DELETE FROM control_instances
        WHERE heartbeat_at < now() - make_interval(secs => :expirySeconds)
        """)
    int deleteExpired(double expirySeconds);

    @SqlUpdate("DELETE FROM control_instances WHERE instance_id = :instanceId")
    int delete(String instanceId);
}
