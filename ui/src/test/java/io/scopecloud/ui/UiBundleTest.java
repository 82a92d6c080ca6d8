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
import java.util.Arrays;
import java.util.List;
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
        // websockets to this site only ('self' covers ws/wss of the same host), never any host
        assertThat(r.getHeaderString("Content-Security-Policy"))
                .contains("connect-src 'self';")
                .doesNotContain("ws:")
                .doesNotContain("wss:");
        assertThat(r.readEntity(String.class)).contains("<div id=\"root\">");
    }

    @Test
    void servesTheAppForItsOwnRoutes() {
        assertThat(get("/invite/abc123").readEntity(String.class)).contains("<div id=\"root\">");
        assertThat(get("/app/acme-42/map/hosts").getStatus()).isEqualTo(200);
    }

    @Test
    void servesEveryBuiltChunkWithItsTypeCachedForever() {
        List<String> names = builtAssets();
        // The map and the terminal are chunks of their own, loaded when first needed.
        assertThat(names)
                .anyMatch(n -> n.startsWith("MapPage-") && n.endsWith(".js"))
                .anyMatch(n -> n.startsWith("Terminal-") && n.endsWith(".js"))
                .anyMatch(n -> n.startsWith("layout.worker-") && n.endsWith(".js"))
                .anyMatch(n -> n.endsWith(".css"));
        for (String name : names) {
            Response r = get("/assets/" + name);
            assertThat(r.getStatus()).as(name).isEqualTo(200);
            assertThat(r.getMediaType().toString())
                    .as(name)
                    .startsWith(name.endsWith(".css") ? "text/css" : "text/javascript");
            assertThat(r.getHeaderString("Cache-Control")).as(name).isEqualTo("public, max-age=31536000, immutable");
            assertThat(r.getHeaderString("X-Content-Type-Options")).as(name).isEqualTo("nosniff");
        }
    }

    @Test
    void neverLetsBrowsersKeepThePageOrAMissingAsset() {
        assertThat(get("/").getHeaderString("Cache-Control")).isEqualTo("no-cache");
        assertThat(get("/app/acme-42/map/hosts").getHeaderString("Cache-Control"))
                .isEqualTo("no-cache");
        Response missing = get("/assets/MapPage-notbuilt.js");
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getHeaderString("Cache-Control")).isNotEqualTo(HashedAssetServlet.IMMUTABLE);
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

    private static List<String> builtAssets() {
        File[] files = new File("target/classes/scope-cloud-ui/assets").listFiles(File::isFile);
        assertThat(files)
                .as("the UI is built (npm run build) before the Java tests")
                .isNotEmpty();
        return Arrays.stream(Objects.requireNonNull(files))
                .map(File::getName)
                .sorted()
                .toList();
    }

    /** The answer with its body read, so its pooled connection is free for the next request. */
    private static Response get(String path) {
        Response r = APP.client()
                .target("http://localhost:" + APP.getLocalPort() + path)
                .request()
                .get();
        r.bufferEntity();
        return r;
    }

    public static final class TestApp extends Application<Configuration> {
        @Override
        public void initialize(Bootstrap<Configuration> bootstrap) {
            bootstrap.addBundle(new UiBundle<>());
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
