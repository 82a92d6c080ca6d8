package io.scopecloud.control.probe;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Binds each probe id to the token that first claimed it (docs/adr/0013). */
public interface ProbeClaimDao {
    /**
     * Claims {@code probeId} for {@code tokenId}: granted when unclaimed, already this token's, or claimed by a token
     * since revoked (rotation); empty when another valid token holds it.
     */
    @SqlQuery(
            """
        INSERT INTO probe_claims AS c (org_id, probe_id, token_id)
        VALUES (:org, :probeId, :tokenId)
        ON CONFLICT (org_id, probe_id) DO UPDATE
        SET token_id = excluded.token_id, claimed_at = now()
        WHERE c.token_id = excluded.token_id
           OR NOT EXISTS (
                SELECT 1 FROM probe_tokens t
                WHERE t.org_id = c.org_id AND t.id = c.token_id AND t.revoked_at IS NULL)
        RETURNING token_id
        """)
    Optional<UUID> claim(UUID org, String probeId, UUID tokenId);

    /**
     * Forgets the claims of probe ids that are not connected and have not been claimed again for
     * {@code retentionSeconds}: Scope probes take a new random id at every start, so claims would
     * otherwise pile up. A connected probe's claim is never forgotten.
     */
    @SqlUpdate(
            """
        DELETE FROM probe_claims c
        WHERE c.claimed_at < now() - make_interval(secs => :retentionSeconds)
          AND NOT EXISTS (
                SELECT 1 FROM probe_connections p WHERE p.org_id = c.org_id AND p.probe_id = c.probe_id)
        """)
    int forgetGone(long retentionSeconds);
}
