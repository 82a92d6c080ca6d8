package io.scopecloud.ops;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A service with nothing but the ops bundle, one resource and one readiness check it controls. */
public final class OpsTestApp extends Application<Configuration> {
    static final AtomicReference<String> WAITING_FOR = new AtomicReference<>();

    @Override
    public void initialize(Bootstrap<Configuration> bootstrap) {
        bootstrap.addBundle(new OpsBundle());
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(new Hello());
        Readiness.of(environment).register("test", () -> Optional.ofNullable(WAITING_FOR.get()));
        Meters.of(environment).counter("test.things").increment();
    }

    /** A route with a template, to see the template (not the path) in the metrics. */
    @Path("/hello/{name}")
    public static final class Hello {
        @GET
        public String hello(@PathParam("name") String name) {
            return "hello " + name;
        }
    }
}
