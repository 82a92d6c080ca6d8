package io.scopecloud.tenancy.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AccountLink.class)
public interface AccountLinkDao {
    @SqlUpdate(
            """
        INSERT INTO account_links (token_hash, user_id, purpose, email, created_at, expires_at)
        VALUES (:hash, :userId, :purpose, :email, :at, :expiresAt)
        """)
    void insert(byte[] hash, UUID userId, String purpose, String email, Instant at, Instant expiresAt);

    /** Uses the link up, in one statement: two requests with the same link cannot both succeed. */
    @SqlQuery(
            """
        UPDATE account_links SET used_at = :at
        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :at
        RETURNING user_id, purpose, email
        """)
    Optional<AccountLink> use(byte[] hash, String purpose, Instant at);

    /** The link, without using it up (the second step of a sign-in may take a few tries). */
    @SqlQuery(
            """
        SELECT user_id, purpose, email FROM account_links
        WHERE token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :at
        """)
    Optional<AccountLink> find(byte[] hash, String purpose, Instant at);

    /** Ends the person's other open links of this kind (a reset done makes the others useless). */
    @SqlUpdate(
            "UPDATE account_links SET used_at = :at WHERE user_id = :userId AND purpose = :purpose AND used_at IS NULL")
    int useAll(UUID userId, String purpose, Instant at);

    @SqlUpdate("DELETE FROM account_links WHERE expires_at < :now")
    int deleteExpired(Instant now);
}
