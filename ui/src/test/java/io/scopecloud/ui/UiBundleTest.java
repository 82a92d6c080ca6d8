package io.scopecloud.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.File;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The app at {@code /}, deep links to its routes, its assets, and API paths left to the API. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UiBundleTest {
    private static final DropwizardAppExtension<Configuration> APP = new DropwizardAppExtension<>(
            TestApp.class,
            null,
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"));

    @Test
    void servesTheAppAtTheRootWithSecurityHeaders() {
        Response r = get("/");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getMediaType().toString()).startsWith("text/html");
        assertThat(r.getHeaderString("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(r.readEntity(String.class)).contains("<div id=\"root\">");
    }

    @Test
    void servesTheAppForItsOwnRoutes() {
        assertThat(get("/invite/abc123").readEntity(String.class)).contains("<div id=\"root\">");
        assertThat(get("/app/acme-42/map/hosts").getStatus()).isEqualTo(200);
    }

    @Test
    void servesBuiltAssets() {
        File[] assets = new File("target/classes/scope-cloud-ui/assets").listFiles((d, n) -> n.endsWith(".js"));
        assertThat(assets).isNotEmpty();
        Response r = get("/assets/" + Objects.requireNonNull(assets)[0].getName());
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getMediaType().toString()).contains("javascript");
    }

    @Test
    void leavesApiPathsToTheApi() {
        assertThat(get("/api/ping").readEntity(String.class)).isEqualTo("pong");
        assertThat(get("/api/nothing-here").getStatus()).isEqualTo(404);
        assertThat(get("/assets/missing.js").getStatus()).isEqualTo(404);
    }

    @Test
    void reservesApiAdminAndAssetPrefixes() {
        assertThat(UiResource.isReserved("api")).isTrue();
        assertThat(UiResource.isReserved("api/app/x/api/topology")).isTrue();
        assertThat(UiResource.isReserved("admin/healthcheck")).isTrue();
        assertThat(UiResource.isReserved("apis-and-more")).isFalse();
        assertThat(UiResource.isReserved("app/acme/map")).isFalse();
    }

    private static Response get(String path) {
        return APP.client()
                .target("http://localhost:" + APP.getLocalPort() + path)
                .request()
                .get();
    }

    public static final class TestApp extends Application<Configuration> {
        @Override
        public void initialize(Bootstrap<Configuration> bootstrap) {
            bootstrap.addBundle(new UiBundle());
        }

        @Override
        public void run(Configuration configuration, Environment environment) {
            environment.jersey().register(new Ping());
        }
    }

    @Path("/api/ping")
    public static final class Ping {
        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String ping() {
            return "pong";
        }
    }
}
