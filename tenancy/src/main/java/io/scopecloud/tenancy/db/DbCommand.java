package io.scopecloud.tenancy.db;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.scopecloud.migrations.Migrations;
import io.scopecloud.tenancy.TenancySettings;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db migrate <config>}: applies the Flyway migrations, for deployments that run them apart. */
public final class DbCommand<C extends Configuration & TenancySettings> extends ConfiguredCommand<C> {
    private final Class<C> configurationClass;

    public DbCommand(Class<C> configurationClass) {
        super("db", "Database schema: 'db migrate <config.yml>' applies pending migrations");
        this.configurationClass = configurationClass;
    }

    @Override
    protected Class<C> getConfigurationClass() {
        return configurationClass;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate", "validate").help("migrate or validate the schema");
        super.configure(subparser);
    }

    @Override
    protected void run(Bootstrap<C> bootstrap, Namespace namespace, C configuration) throws Exception {
        ManagedDataSource dataSource = configuration.getDatabase().build(bootstrap.getMetricRegistry(), "migrate");
        try {
            System.out.println(new Migrations(dataSource).run(namespace.getString("action")));
        } finally {
            dataSource.stop();
        }
    }
}
