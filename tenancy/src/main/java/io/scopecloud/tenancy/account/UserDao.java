package io.scopecloud.tenancy.account;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** People are not tenant-scoped: one person may belong to several orgs. */
@RegisterConstructorMapper(User.class)
public interface UserDao {
    @SqlUpdate(
            """
        INSERT INTO users (id, email, password_hash) VALUES (:id, :email, :passwordHash)
        ON CONFLICT DO NOTHING
        """)
    int insert(UUID id, String email, String passwordHash);

    @SqlQuery("SELECT id, email, created_at, email_verified_at FROM users WHERE id = :id")
    Optional<User> find(UUID id);

    @SqlQuery("SELECT id, email, created_at, email_verified_at FROM users WHERE lower(email) = lower(:email)")
    Optional<User> findByEmail(String email);

    @SqlQuery("SELECT password_hash FROM users WHERE id = :id")
    Optional<String> passwordHash(UUID id);

    @SqlUpdate("UPDATE users SET password_hash = :passwordHash WHERE id = :id")
    int setPasswordHash(UUID id, String passwordHash);

    /** Marks the address verified, if it still is the one the link was sent to. */
    @SqlUpdate(
            """
        UPDATE users SET email_verified_at = coalesce(email_verified_at, :at)
        WHERE id = :id AND lower(email) = lower(:email)
        """)
    int verify(UUID id, String email, Instant at);

    /** Zero when another account has the address (the unique index); it counts as verified. */
    @SqlUpdate(
            """
        UPDATE users SET email = :email, email_verified_at = :at
        WHERE id = :id AND NOT EXISTS (SELECT 1 FROM users o WHERE lower(o.email) = lower(:email) AND o.id <> :id)
        """)
    int changeEmail(UUID id, String email, Instant at);

    @SqlUpdate("DELETE FROM users WHERE id = :id")
    int delete(UUID id);
}
