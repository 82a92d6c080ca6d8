package io.scopecloud.standalone;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scopecloud.control.ControlBundle;
import io.scopecloud.ingest.IngestBundle;
import io.scopecloud.ops.OpsBundle;
import io.scopecloud.query.QueryBundle;
import io.scopecloud.tenancy.PortalBundle;
import io.scopecloud.tenancy.TenancyBundle;
import io.scopecloud.ui.UiBundle;

/**
 * Scope Cloud on one machine: embedded PostgreSQL and Kafka, and the ingest and query services'
 * bundles, on one port. The order of the bundles is the order things start.
 */
public final class StandaloneApplication extends Application<StandaloneConfiguration> {
    private TenancyBundle<StandaloneConfiguration> tenancyBundle;

    public static void main(String[] args) throws Exception {
        new StandaloneApplication().run(args);
    }

    @Override
    public String getName() {
        return "scope-cloud";
    }

    @Override
    public void initialize(Bootstrap<StandaloneConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        TenancyBundle<StandaloneConfiguration> tenancy = new TenancyBundle<>();
        bootstrap.addBundle(new OpsBundle());
        bootstrap.addBundle(new EmbeddedServersBundle());
        bootstrap.addBundle(tenancy);
        this.tenancyBundle = tenancy;
        bootstrap.addBundle(new IngestBundle<>(tenancy));
        bootstrap.addBundle(new QueryBundle<>(tenancy));
        bootstrap.addBundle(new ControlBundle<>(tenancy));
        bootstrap.addBundle(new PortalBundle<>(tenancy));
        bootstrap.addBundle(UiBundle.withPublicUrl(c -> c.getTenancy().configuredPublicUrl()));
        bootstrap.addCommand(new AdminCommand());
        bootstrap.addCommand(new StandaloneDbCommand());
    }

    @Override
    public void run(StandaloneConfiguration configuration, Environment environment) {
        LocalProbe localProbe = null;
        if (configuration.getLocalProbe().isEnabled()) {
            localProbe = new LocalProbe(
                    tenancyBundle.tenancy(),
                    configuration.getLocalProbe(),
                    configuration.getEmbedded().getDataDir());
            environment.lifecycle().manage(localProbe);
            environment.lifecycle().addServerLifecycleListener(localProbe);
        }
        environment.lifecycle().addServerLifecycleListener(new Banner(configuration, localProbe));
    }
}
