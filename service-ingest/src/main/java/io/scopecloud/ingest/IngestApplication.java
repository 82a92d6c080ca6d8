package io.scopecloud.ingest;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scopecloud.ops.OpsBundle;
import io.scopecloud.tenancy.TenancyBundle;
import io.scopecloud.tenancy.db.DbCommand;

/** The ingest service on its own: {@code server ingest.yml}, or {@code db migrate ingest.yml}. */
public final class IngestApplication extends Application<IngestConfiguration> {
    public static void main(String[] args) throws Exception {
        new IngestApplication().run(args);
    }

    @Override
    public String getName() {
        return "scope-ingest";
    }

    @Override
    public void initialize(Bootstrap<IngestConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new OpsBundle());
        TenancyBundle<IngestConfiguration> tenancy = new TenancyBundle<>();
        bootstrap.addBundle(tenancy);
        bootstrap.addBundle(new IngestBundle<>(tenancy));
        bootstrap.addCommand(new DbCommand<>(IngestConfiguration.class));
    }

    @Override
    public void run(IngestConfiguration configuration, Environment environment) {
        // Everything comes from the bundles.
    }
}
