package io.scopecloud.ops;

import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.util.component.LifeCycle;
import org.glassfish.jersey.micrometer.server.DefaultJerseyTagsProvider;
import org.glassfish.jersey.micrometer.server.MetricsApplicationEventListener;

/**
 * What every service shows its operator on the admin connector: {@code /metrics} (Prometheus
 * text: HTTP requests by route and status, the JVM, Jetty's threads, and whatever the service
 * bundles measure through {@link Meters}), {@code /health/ready} and {@code /health/live}
 * ({@link Readiness}). It also keeps request bodies out of the logs at any level
 * ({@link NoSecretsInLogs}) and cuts off request bodies sent too slowly on the public connector
 * ({@link SlowBodyGuard}). Add it first, so that it measures everything after it.
 */
public final class OpsBundle implements ConfiguredBundle<OpsSettings> {
    /** Jersey's request timer: {@code http_server_requests_seconds{method,uri,status,outcome}}. */
    public static final String HTTP_REQUESTS = "http.server.requests";

    @Override
    public void run(OpsSettings configuration, Environment environment) {
        NoSecretsInLogs.install();
        guardSlowBodies(configuration.getOps(), environment);
        PrometheusMeterRegistry registry = Meters.prometheus(environment);
        bindJvm(registry, environment);

        environment
                .jersey()
                .register(new MetricsApplicationEventListener(
                        registry, new DefaultJerseyTagsProvider(), HTTP_REQUESTS, true));

        environment
                .servlets()
                .addFilter("admin-not-here", new AdminNotHere())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/admin", "/admin/*");

        environment.jersey().register(new BadMessageMapper());

        Readiness readiness = Readiness.of(environment);
        environment
                .admin()
                .addServlet("prometheus", new PrometheusServlet(registry))
                .addMapping("/metrics");
        environment
                .admin()
                .addServlet("health", new HealthServlet(readiness, environment.getObjectMapper()))
                .addMapping("/health/*");

        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
            @Override
            public void serverStarted(org.eclipse.jetty.server.Server server) {
                new JettyServerThreadPoolMetrics(server.getThreadPool(), List.of()).bindTo(registry);
                readiness.listening();
            }
        });
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                readiness.stopping();
            }
        });
    }

    /**
     * In the application context, before every other handler the services insert there, so that
     * each of them and the servlets read the body through the guard. The admin connector has none.
     */
    private static void guardSlowBodies(OpsFactory ops, Environment environment) {
        long rate = ops.getMinRequestBodyRate().toBytes();
        if (rate > 0) {
            environment.getApplicationContext().insertHandler(new SlowBodyGuard(rate));
        }
    }

    private static void bindJvm(PrometheusMeterRegistry registry, Environment environment) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        environment.lifecycle().manage(new io.dropwizard.lifecycle.Managed() {
            @Override
            public void stop() {
                gc.close();
            }
        });
    }
}
