package io.scopecloud.control.probe;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * Which instance holds which probe's control connection. A newer connection overwrites an older
 * one (by {@code connected_at}), and a connection removes the row only while it is still the one
 * recorded, so the last connection wins whatever order the writes land in.
 */
@RegisterConstructorMapper(ProbeLocation.class)
public interface ProbeConnectionDao {
    /**
     * The channel on which every change of a probe's row is announced ({@link RegistryNotices}): PostgreSQL delivers a
     * notice to every listening instance when the change commits.
     */
    String CHANNEL = "scope_probe_connections";

    /** Announces a change on {@link #CHANNEL}; delivered when the surrounding transaction commits. */
    @SqlQuery("SELECT 1 FROM pg_notify('" + CHANNEL + "', :payload)")
    int announce(String payload);

    @SqlQuery(
            """
        SELECT instance_id, instance_url, connection_id
        FROM probe_connections
        WHERE org_id = :org AND probe_id = :probeId
        FOR UPDATE
        """)
    Optional<ProbeLocation> lockCurrent(UUID org, String probeId);

    @SqlUpdate(
            """
        INSERT INTO probe_connections
            (org_id, probe_id, instance_id, instance_url, connection_id, connected_at, last_seen)
        VALUES (:org, :probeId, :instanceId, :instanceUrl, :connectionId, :connectedAt, :connectedAt)
        ON CONFLICT (org_id, probe_id) DO UPDATE
        SET instance_id = excluded.instance_id,
            instance_url = excluded.instance_url,
            connection_id = excluded.connection_id,
            connected_at = excluded.connected_at,
            last_seen = excluded.last_seen
        WHERE probe_connections.connected_at <= excluded.connected_at
        """)
    int upsert(UUID org, String probeId, String instanceId, String instanceUrl, UUID connectionId, Instant connectedAt);

    /**
     * Maintenance by instance: makes sure the instance's own row exists (another instance may have
     * expired it during a long pause), so that registering its probes cannot fail on it.
     */
    @SqlUpdate(
            """
        INSERT INTO control_instances (instance_id, url) VALUES (:instanceId, :instanceUrl)
        ON CONFLICT (instance_id) DO NOTHING
        """)
    int ensureInstance(String instanceId, String instanceUrl);

    /** Records a new connection and announces it; returns the connection it replaced, if any. */
    @Transaction
    default Optional<ProbeLocation> register(
            UUID org, String probeId, String instanceId, String instanceUrl, UUID connectionId, Instant connectedAt) {
        ensureInstance(instanceId, instanceUrl);
        Optional<ProbeLocation> previous = lockCurrent(org, probeId);
        if (upsert(org, probeId, instanceId, instanceUrl, connectionId, connectedAt) > 0) {
            announce(RegistryNotices.of(org, probeId));
        }
        return previous;
    }

    @SqlUpdate(
            """
        DELETE FROM probe_connections
        WHERE org_id = :org AND probe_id = :probeId AND connection_id = :connectionId
        """)
    int deregister(UUID org, String probeId, UUID connectionId);

    /** The probe's connection, if the instance holding it is alive (heartbeat within the expiry). */
    @SqlQuery(
            """
        SELECT pc.instance_id, pc.instance_url, pc.connection_id
        FROM probe_connections pc
        JOIN control_instances ci ON ci.instance_id = pc.instance_id
        WHERE pc.org_id = :org AND pc.probe_id = :probeId
          AND ci.heartbeat_at > now() - make_interval(secs => :expirySeconds)
        """)
    Optional<ProbeLocation> find(UUID org, String probeId, double expirySeconds);

    /**
     * Maintenance across tenants, by instance (the one kind of statement here not led by org):
     * marks every connection an instance holds as seen.
     */
    @SqlUpdate("UPDATE probe_connections SET last_seen = now() WHERE instance_id = :instanceId")
    int touchAll(String instanceId);
}
