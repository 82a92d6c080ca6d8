package io.scopecloud.control.probe;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

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
}
