package io.scopecloud.ops;

import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A service with nothing but the ops bundle, one resource and one readiness check it controls. */
public final class OpsTestApp extends Application<OpsTestConfiguration> {
    static final AtomicReference<String> WAITING_FOR = new AtomicReference<>();

    @Override
    public void initialize(Bootstrap<OpsTestConfiguration> bootstrap) {
        bootstrap.addBundle(new OpsBundle());
    }

    @Override
    public void run(OpsTestConfiguration configuration, Environment environment) {
        environment.jersey().register(new Hello());
        environment.jersey().register(new PausingReader());
        environment.jersey().register(new JsonReader());
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

    /**
     * Reads the first 10 bytes of the body, pauses as a busy server does ({@code pause}
     * milliseconds), then reads the rest: answers how many bytes it read.
     */
    @Path("/pausing-reader/{pause}")
    public static final class PausingReader {
        @POST
        public String read(@PathParam("pause") long pause, InputStream body) throws IOException, InterruptedException {
            int first = body.readNBytes(10).length;
            Thread.sleep(pause);
            return Integer.toString(first + body.readAllBytes().length);
        }
    }

    /** Reads the body as JSON, as the services' resources do: answers how many fields it has. */
    @Path("/json-reader")
    public static final class JsonReader {
        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        public String read(Map<String, Object> body) {
            return Integer.toString(body.size());
        }
    }
}
