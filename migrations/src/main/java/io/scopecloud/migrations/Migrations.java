package io.scopecloud.migrations;

import static java.util.Objects.requireNonNull;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The only way the schema changes: the forward-only Flyway scripts under {@code db/migration} in
 * this module. Services either apply them at start-up or, when another process owns migrations,
 * only validate that the database is at the version they were built for.
 */
public final class Migrations {
    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        requireNonNull(dataSource, "dataSource is null");
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    /** Applies pending migrations and returns how many ran. */
    public int migrate() {
        MigrateResult result = flyway.migrate();
        return result.migrationsExecuted;
    }

    /** Fails with a message naming the mismatch when the schema is not exactly what this build expects. */
    public void validate() {
        flyway.validate();
    }

    /** Runs {@code migrate} or {@code validate}, as the {@code db} commands name them, and says what happened. */
    public String run(String action) {
        if ("validate".equals(action)) {
            validate();
            return "Schema is valid at version " + currentVersion();
        }
        if ("migrate".equals(action)) {
            int applied = migrate();
            return "Applied " + applied + " migration(s); schema at version " + currentVersion();
        }
        throw new IllegalArgumentException("unknown action " + action + ": use migrate or validate");
    }

    /** The schema version the database is at, or "none". */
    public String currentVersion() {
        var current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }
}
