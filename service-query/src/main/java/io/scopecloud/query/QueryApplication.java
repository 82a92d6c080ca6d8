package io.scopecloud.query;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scopecloud.ops.OpsBundle;
import io.scopecloud.tenancy.PortalBundle;
import io.scopecloud.tenancy.TenancyBundle;
import io.scopecloud.tenancy.db.DbCommand;
import io.scopecloud.ui.UiBundle;

/** The query service on its own: {@code server query.yml}, or {@code db migrate query.yml}. */
public final class QueryApplication extends Application<QueryConfiguration> {
    public static void main(String[] args) throws Exception {
        new QueryApplication().run(args);
    }

    @Override
    public String getName() {
        return "scope-query";
    }

    @Override
    public void initialize(Bootstrap<QueryConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new OpsBundle());
        TenancyBundle<QueryConfiguration> tenancy = new TenancyBundle<>();
        bootstrap.addBundle(tenancy);
        bootstrap.addBundle(new QueryBundle<>(tenancy));
        // The portal's API lives with the views people use.
        bootstrap.addBundle(new PortalBundle<>(tenancy));
        bootstrap.addBundle(UiBundle.withPublicUrl(c -> c.getTenancy().configuredPublicUrl()));
        bootstrap.addCommand(new DbCommand<>(QueryConfiguration.class));
    }

    @Override
    public void run(QueryConfiguration configuration, Environment environment) {
        // Everything comes from the bundles.
    }
}
