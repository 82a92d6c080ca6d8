package io.scopecloud.tenancy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.scopecloud.tenancy.web.PortalResources;
import java.time.Clock;

/**
 * The portal's API (accounts, orgs, teams, tokens, probes, views), its CSRF filter and its error
 * mapping, on top of a {@link TenancyBundle} added before it. The query service mounts it.
 */
public final class PortalBundle<C extends Configuration & TenancySettings> implements ConfiguredBundle<C> {
    private final TenancyBundle<?> tenancy;

    public PortalBundle(TenancyBundle<?> tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @Override
    public void run(C configuration, Environment environment) {
        // The portal's OpenAPI document promises RFC 3339 date-times; Jackson's default writes an
        // Instant as epoch seconds, which browsers read as dates in 1970 (issue 16, defect 2).
        environment.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        PortalResources.register(
                tenancy.tenancy(),
                configuration.getTenancy(),
                environment.jersey(),
                environment.getObjectMapper(),
                Clock.systemUTC());
        environment
                .lifecycle()
                .manage(new SessionSweeper(
                        tenancy.tenancy().sessions(), tenancy.tenancy().accountLinks()));
        environment.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
            @Override
            public void stop() {
                tenancy.tenancy().outbox().close();
            }
        });
    }
}
