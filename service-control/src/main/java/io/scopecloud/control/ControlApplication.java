package io.scopecloud.control;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scopecloud.ops.OpsBundle;
import io.scopecloud.tenancy.TenancyBundle;
import io.scopecloud.tenancy.db.DbCommand;
import io.scopecloud.tenancy.web.CsrfFilter;

/** The control service on its own: {@code server control.yml}, or {@code db migrate control.yml}. */
public final class ControlApplication extends Application<ControlConfiguration> {
    private TenancyBundle<ControlConfiguration> tenancy;

    public static void main(String[] args) throws Exception {
        new ControlApplication().run(args);
    }

    @Override
    public String getName() {
        return "scope-control";
    }

    @Override
    public void initialize(Bootstrap<ControlConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new OpsBundle());
        tenancy = new TenancyBundle<>();
        bootstrap.addBundle(tenancy);
        bootstrap.addBundle(new ControlBundle<>(tenancy));
        bootstrap.addCommand(new DbCommand<>(ControlConfiguration.class));
    }

    @Override
    public void run(ControlConfiguration configuration, Environment environment) {
        // Alone, the control service checks CSRF itself; where the portal is mounted too (the
        // standalone install), the portal's bundle registers this filter for everyone.
        environment.jersey().register(new CsrfFilter(tenancy.tenancy().sessions()));
    }
}
