package io.scopecloud.standalone;

import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;

/**
 * Runs first: starts the embedded servers and points the configuration at them, so the bundles
 * added after it find PostgreSQL and Kafka ready. Registered first, it is stopped last.
 */
final class EmbeddedServersBundle implements ConfiguredBundle<StandaloneConfiguration> {
    @Override
    public void run(StandaloneConfiguration configuration, Environment environment) {
        environment.lifecycle().manage(EmbeddedServers.start(configuration));
    }
}
