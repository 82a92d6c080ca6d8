package io.scopecloud.standalone;

import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import io.scopecloud.migrations.Migrations;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.token.IssuedToken;
import java.time.Clock;
import java.time.Duration;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code admin create-org NAME}: creates an organisation and its first probe token in the install's
 * database, for scripts and first runs. Works whether or not the server is running.
 */
final class AdminCommand extends ConfiguredCommand<StandaloneConfiguration> {
    AdminCommand() {
        super("admin", "Administration: 'admin create-org NAME' creates an org and prints a probe token");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("action").choices("create-org").help("what to do");
        subparser.addArgument("name").help("the organisation's name");
        super.configure(subparser);
    }

    @Override
    protected void run(
            Bootstrap<StandaloneConfiguration> bootstrap, Namespace namespace, StandaloneConfiguration config)
            throws Exception {
        try (LocalDatabase db = LocalDatabase.open(config)) {
            ManagedDataSource dataSource = db.dataSourceFactory().build(bootstrap.getMetricRegistry(), "admin");
            try {
                new Migrations(dataSource).migrate();
                Tenancy tenancy = new Tenancy(Jdbi.create(dataSource), Clock.systemUTC(), Duration.ZERO);
                Org org = tenancy.orgs().create(namespace.getString("name"));
                IssuedToken token = tenancy.probeTokens().issue(org.id(), "first token", null);
                System.out.printf(
                        """
                        org id:      %s
                        org name:    %s
                        probe token: %s
                        (the token is shown only this once; keep it somewhere safe)
                        """,
                        org.externalId(), org.name(), token.secret());
            } finally {
                dataSource.stop();
            }
        }
    }
}
