package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.token.IssuedToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an operator reaches, and what nobody else does: the admin connector (metrics, health,
 * threads, tasks) on its own port, nothing of it on the public one — the public admin pages and
 * tasks were the penetration test's one high finding.
 */
class OperatorSurfaceIT {
    private static StandaloneTestApp app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        app = StandaloneTestApp.builder().start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void noAdminPageOrTaskAnswersOnThePublicPort() throws Exception {
        for (String path : new String[] {
            "/admin", "/admin/threads", "/admin/metrics", "/admin/pprof", "/admin/healthcheck", "/admin/ping"
        }) {
            assertThat(send("GET", app.port(), path).statusCode())
                    .as("GET %s", path)
                    .isEqualTo(404);
        }
        for (String task : new String[] {"/admin/tasks/log-level", "/admin/tasks/gc"}) {
            assertThat(send("POST", app.port(), task).statusCode())
                    .as("POST %s", task)
                    .isEqualTo(404);
        }
        // Without /admin, a POST meets the web app's pages, which take no POST.
        assertThat(send("POST", app.port(), "/tasks/log-level").statusCode()).isIn(404, 405);
        assertThat(send("GET", app.adminPort(), "/threads").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsShowWhatEachServiceDoes() throws Exception {
        Tenancy tenancy = app.tenancy();
        Org org = tenancy.orgs().create("Metrics");
        IssuedToken token = tenancy.probeTokens().issue(org.id(), "metrics", null);
        ServiceClient client = app.client();
        byte[] report = ServiceClient.gzip(ReportSliceIT.fixture("report-004.json"));
        assertThat(client.postReport(token.secret(), "application/json", "gzip", report)
                        .statusCode())
                .isEqualTo(200);
        assertThat(client.postReport("not-a-token", "application/json", "gzip", report)
                        .statusCode())
                .isEqualTo(401);

        HttpResponse<String> metrics = send("GET", app.adminPort(), "/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(metrics.body())
                .contains("scope_ingest_reports_total{outcome=\"accepted\"} 1.0")
                .contains("scope_ingest_reports_total{outcome=\"unauthenticated\"} 1.0")
                .containsPattern("scope_ingest_bytes_total [1-9]")
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/report\"")
                .contains("kafka_producer_record_error_total")
                .contains("scope_query_orgs")
                .contains("scope_query_probes")
                .contains("scope_query_websockets")
                .contains("scope_control_probe_connections")
                .contains("scope_control_calls_seconds_bucket")
                .contains("db_pool_connections{pool=\"postgres\",state=\"active\"}")
                .contains("jvm_memory_used_bytes")
                .contains("jetty_threads_busy");
    }

    @Test
    void readyOnceItCanDoItsJob() throws Exception {
        // Readiness never blocks on Kafka: the producer's metadata arrives on its own thread, soon after start.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> ready = send("GET", app.adminPort(), "/health/ready");
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = send("GET", app.adminPort(), "/health/ready");
        }

        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(send("GET", app.adminPort(), "/health/live").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .method(
                                method,
                                method.equals("GET")
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString("logger=org.eclipse.jetty&level=DEBUG"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
