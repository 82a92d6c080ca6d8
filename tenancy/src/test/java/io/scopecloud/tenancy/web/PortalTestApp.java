package io.scopecloud.tenancy.web;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.scopecloud.tenancy.PortalBundle;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.TenancyBundle;
import io.scopecloud.tenancy.TenancyConfiguration;

/** Just the tenancy and portal bundles, as the services mount them. */
public final class PortalTestApp extends Application<PortalTestApp.Config> {
    private final TenancyBundle<Config> tenancy = new TenancyBundle<>();

    @Override
    public void initialize(Bootstrap<Config> bootstrap) {
        bootstrap.addBundle(tenancy);
        bootstrap.addBundle(new PortalBundle<>(tenancy));
    }

    @Override
    public void run(Config configuration, Environment environment) {}

    /** The tenancy services the running app uses. */
    Tenancy tenancy() {
        return tenancy.tenancy();
    }

    /** The sections the bundles need, and nothing else. */
    public static final class Config extends TenancyConfiguration {}
}
