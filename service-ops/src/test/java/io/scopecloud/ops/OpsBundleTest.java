package io.scopecloud.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DropwizardExtensionsSupport.class)
class OpsBundleTest {
    private static final DropwizardAppExtension<OpsTestConfiguration> APP =
            new DropwizardAppExtension<>(OpsTestApp.class, ResourceHelpers.resourceFilePath("ops-test.yml"));

    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void ready() {
        OpsTestApp.WAITING_FOR.set(null);
    }

    @Test
    void metricsAreOnTheAdminPortInPrometheusText() throws Exception {
        assertThat(get(APP.getLocalPort(), "/hello/world").statusCode()).isEqualTo(200);

        HttpResponse<String> metrics = get(APP.getAdminPort(), "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue(PrometheusServlet.CONTENT_TYPE);
        assertThat(metrics.body())
                .contains("# TYPE http_server_requests_seconds histogram")
                .contains("uri=\"/hello/{name}\"")
                .contains("status=\"200\"")
                .contains("le=\"0.005\"")
                .contains("test_things_total 1.0")
                .contains("jvm_memory_used_bytes")
                .contains("jetty_threads_busy");
    }

    @Test
    void nothingOfTheAdminAnswersOnThePublicPort() throws Exception {
        for (String path : new String[] {
            "/metrics", "/health/ready", "/threads", "/pprof", "/healthcheck", "/tasks/gc", "/admin/threads"
        }) {
            assertThat(get(APP.getLocalPort(), path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(post(APP.getLocalPort(), "/tasks/log-level").statusCode()).isEqualTo(404);
        assertThat(post(APP.getLocalPort(), "/admin/tasks/log-level").statusCode())
                .isEqualTo(404);
    }

    @Test
    void readinessSaysWhatItWaitsFor() throws Exception {
        assertThat(get(APP.getAdminPort(), "/health/ready").statusCode()).isEqualTo(200);

        OpsTestApp.WAITING_FOR.set("partitions from the consumer group");
        HttpResponse<String> waiting = get(APP.getAdminPort(), "/health/ready");

        assertThat(waiting.statusCode()).isEqualTo(503);
        assertThat(waiting.body()).contains("\"test\":\"partitions from the consumer group\"");
        assertThat(get(APP.getAdminPort(), "/health/live").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .POST(HttpRequest.BodyPublishers.ofString("logger=org.eclipse.jetty&level=DEBUG"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
