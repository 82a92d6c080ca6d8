package io.scopecloud.tenancy;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.scopecloud.migrations.Migrations;
import io.scopecloud.ops.Meters;
import io.scopecloud.tenancy.db.DatabaseUnavailableMapper;
import io.scopecloud.tenancy.db.NamedSqlTemplates;
import io.scopecloud.tenancy.db.PoolMetrics;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings up the database side of a service: one pool (with {@link DatabaseTimeouts} applied), the
 * schema (migrated or validated), the {@link Tenancy} services, and the mapper that answers 503
 * while the database is unavailable. Add it before the service bundles, which take {@link #tenancy()} in
 * their own {@code run}.
 */
public final class TenancyBundle<C extends Configuration & TenancySettings> implements ConfiguredBundle<C> {
    private static final Logger LOG = LoggerFactory.getLogger(TenancyBundle.class);

    private Tenancy tenancy;

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        // Commands are the application's choice: see DbCommand.
    }

    @Override
    public void run(C configuration, Environment environment) {
        DatabaseTimeouts timeouts = configuration.getTenancy().getDatabaseTimeouts();
        timeouts.applyTo(configuration.getDatabase());
        environment
                .jersey()
                .register(new DatabaseUnavailableMapper(timeouts.getRetryAfter().toJavaDuration()));
        ManagedDataSource dataSource = configuration.getDatabase().build(environment.metrics(), "postgres");
        PoolMetrics.bind(dataSource, "postgres", Meters.of(environment));
        Migrations migrations = new Migrations(dataSource);
        if (configuration.getTenancy().isMigrateOnStart()) {
            int applied = migrations.migrate();
            LOG.info("Database schema at version {} ({} migrations applied)", migrations.currentVersion(), applied);
        } else {
            migrations.validate();
        }
        Jdbi jdbi = new JdbiFactory().build(environment, configuration.getDatabase(), dataSource, "postgres");
        jdbi.setTemplateEngine(new NamedSqlTemplates());
        tenancy = new Tenancy(jdbi, Clock.systemUTC(), configuration.getTenancy());
    }

    /** The tenancy services; available once this bundle has run. */
    public Tenancy tenancy() {
        if (tenancy == null) {
            throw new IllegalStateException("TenancyBundle has not run yet: add it before the bundles that use it");
        }
        return tenancy;
    }
}
