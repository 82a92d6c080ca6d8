package io.scopecloud.tenancy.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface TwoFactorDao {
    /** A new secret awaiting its first code; refused (0) while two-factor is on. */
    @SqlUpdate("UPDATE users SET totp_secret = :secret WHERE id = :id AND totp_enabled_at IS NULL")
    int setPendingSecret(UUID id, String secret);

    @SqlQuery("SELECT totp_secret FROM users WHERE id = :id")
    Optional<String> secret(UUID id);

    @SqlQuery("SELECT totp_enabled_at IS NOT NULL FROM users WHERE id = :id")
    Optional<Boolean> enabled(UUID id);

    @SqlUpdate(
            "UPDATE users SET totp_enabled_at = :at, totp_last_step = :step WHERE id = :id AND totp_enabled_at IS NULL")
    int enable(UUID id, Instant at, long step);

    /** Records the time step of a code just used; 0 when it or a later one was used already (a replay). */
    @SqlUpdate(
            """
        UPDATE users SET totp_last_step = :step
        WHERE id = :id AND totp_enabled_at IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < :step)
        """)
    int useStep(UUID id, long step);

    @SqlUpdate("UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = :id")
    int disable(UUID id);

    @SqlUpdate("DELETE FROM recovery_codes WHERE user_id = :id")
    int deleteRecoveryCodes(UUID id);

    @SqlBatch("INSERT INTO recovery_codes (user_id, code_hash) VALUES (:id, :hash)")
    void insertRecoveryCodes(UUID id, java.util.List<byte[]> hash);

    @SqlUpdate("UPDATE recovery_codes SET used_at = :at WHERE user_id = :id AND code_hash = :hash AND used_at IS NULL")
    int useRecoveryCode(UUID id, byte[] hash, Instant at);

    @SqlQuery("SELECT count(*) FROM recovery_codes WHERE user_id = :id AND used_at IS NULL")
    int recoveryCodesLeft(UUID id);

    @SqlUpdate("UPDATE orgs SET require_two_factor = :required WHERE id = :org")
    int setRequired(UUID org, boolean required);

    @SqlQuery("SELECT require_two_factor FROM orgs WHERE id = :org")
    boolean required(UUID org);
}
