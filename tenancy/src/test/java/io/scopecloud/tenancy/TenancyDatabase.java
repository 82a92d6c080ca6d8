package io.scopecloud.tenancy;

import io.scopecloud.migrations.Migrations;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** A fresh, migrated database on the test JVM's PostgreSQL, with the tenancy services over it. */
public final class TenancyDatabase {
    private TenancyDatabase() {}

    public static Tenancy fresh(Duration tokenCacheTtl) {
        TestDatabase db = TestInfrastructure.shared().newDatabase();
        Jdbi jdbi = Jdbi.create(db.jdbcUrl(), db.user(), db.password());
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setUrl(db.jdbcUrl());
        ds.setUser(db.user());
        ds.setPassword(db.password());
        new Migrations(ds).migrate();
        return new Tenancy(jdbi, Clock.systemUTC(), tokenCacheTtl);
    }
}
