package io.scopecloud.standalone;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.scopecloud.migrations.Migrations;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code db migrate}: applies the schema migrations to the install's database. */
final class StandaloneDbCommand extends ConfiguredCommand<StandaloneConfiguration> {
    StandaloneDbCommand() {
        super("db", "Database schema: 'db migrate' applies pending migrations, 'db validate' checks them");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("migrate", "validate").help("migrate or validate the schema");
        super.configure(subparser);
    }

    @Override
    protected void run(
            Bootstrap<StandaloneConfiguration> bootstrap, Namespace namespace, StandaloneConfiguration config)
            throws Exception {
        try (LocalDatabase db = LocalDatabase.open(config)) {
            ManagedDataSource dataSource = db.dataSourceFactory().build(bootstrap.getMetricRegistry(), "migrate");
            try {
                System.out.println(new Migrations(dataSource).run(namespace.getString("action")));
            } finally {
                dataSource.stop();
            }
        }
    }
}
