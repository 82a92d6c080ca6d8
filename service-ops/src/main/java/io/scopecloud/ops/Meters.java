package io.scopecloud.ops;

import io.dropwizard.core.setup.Environment;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The service's one meter registry, kept with its Dropwizard {@link Environment}: every bundle
 * that measures something asks for it here, in whatever order the bundles run, and
 * {@link OpsBundle} serves it at {@code /metrics} on the admin port.
 */
public final class Meters {
    private static final String ATTRIBUTE = Meters.class.getName();

    private Meters() {}

    public static MeterRegistry of(Environment environment) {
        return prometheus(environment);
    }

    static PrometheusMeterRegistry prometheus(Environment environment) {
        var context = environment.getApplicationContext();
        synchronized (context) {
            if (context.getAttribute(ATTRIBUTE) instanceof PrometheusMeterRegistry registry) {
                return registry;
            }
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.config().meterFilter(new LatencyBuckets());
            context.setAttribute(ATTRIBUTE, registry);
            return registry;
        }
    }
}
