package io.scopecloud.tenancy.probe;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;
import org.jspecify.annotations.Nullable;

@RegisterConstructorMapper(ProbeRecord.class)
public interface ProbeDao {
    String SEEN =
            """
        INSERT INTO probes (org_id, probe_id, hostname, version, first_seen, last_seen)
        VALUES (:org, :probeId, :hostname, :version, :at, :at)
        ON CONFLICT (org_id, probe_id) DO UPDATE
        SET last_seen = greatest(probes.last_seen, excluded.last_seen),
            hostname = coalesce(excluded.hostname, probes.hostname),
            version = coalesce(excluded.version, probes.version)
        """;

    @SqlUpdate(SEEN)
    void seen(UUID org, String probeId, @Nullable String hostname, @Nullable String version, Instant at);

    /**
     * {@link #seen} for many probes in one transaction and one round trip; the i-th of each list is one probe. Give
     * them in a stable order (org, then probe) so that two writers lock the rows in the same order.
     */
    @SqlBatch(SEEN)
    @Transaction
    void seenAll(
            List<UUID> org,
            List<String> probeId,
            List<@Nullable String> hostname,
            List<@Nullable String> version,
            List<Instant> at);

    @SqlQuery(
            """
        SELECT p.org_id, p.probe_id, p.hostname, p.version, p.first_seen, p.last_seen,
               EXISTS (SELECT 1 FROM probe_connections c
                       WHERE c.org_id = p.org_id AND c.probe_id = p.probe_id) AS control_connected
        FROM probes p
        WHERE p.org_id = :org
        ORDER BY p.last_seen DESC
        """)
    List<ProbeRecord> list(UUID org);

    /**
     * Forgets a probe last heard from before {@code before} and holding no control connection; 0 when there is no
     * such probe (unknown, or still reporting).
     */
    @SqlUpdate(
            """
        DELETE FROM probes p
        WHERE p.org_id = :org AND p.probe_id = :probeId AND p.last_seen < :before
          AND NOT EXISTS (SELECT 1 FROM probe_connections c WHERE c.org_id = p.org_id AND c.probe_id = p.probe_id)
        """)
    int forgetGone(UUID org, String probeId, Instant before);
}
