package io.scopecloud.tenancy.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.scopecloud.tenancy.PortalBundle;
import io.scopecloud.tenancy.TenancyBundle;
import io.scopecloud.tenancy.TenancyFactory;
import io.scopecloud.tenancy.TenancySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Just the tenancy and portal bundles, as the services mount them. */
public final class PortalTestApp extends Application<PortalTestApp.Config> {
    @Override
    public void initialize(Bootstrap<Config> bootstrap) {
        TenancyBundle<Config> tenancy = new TenancyBundle<>();
        bootstrap.addBundle(tenancy);
        bootstrap.addBundle(new PortalBundle<>(tenancy));
    }

    @Override
    public void run(Config configuration, Environment environment) {}

    /** The sections the bundles need. */
    public static final class Config extends Configuration implements TenancySettings {
        @Valid
        @NotNull
        @JsonProperty
        private DataSourceFactory database = new DataSourceFactory();

        @Valid
        @NotNull
        @JsonProperty
        private TenancyFactory tenancy = new TenancyFactory();

        @Override
        public DataSourceFactory getDatabase() {
            return database;
        }

        @Override
        public TenancyFactory getTenancy() {
            return tenancy;
        }
    }
}
