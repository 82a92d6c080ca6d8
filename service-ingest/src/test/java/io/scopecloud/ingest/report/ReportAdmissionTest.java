package io.scopecloud.ingest.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real Jetty server: one report post may be in progress, a second waits 300 ms for room. */
class ReportAdmissionTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstArrived = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        server.addConnector(connector);
        ReportAdmission admission = new ReportAdmission(1, Duration.ofMillis(300));
        admission.bindMetrics(registry);
        admission.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                handled.incrementAndGet();
                if (request.getHttpURI().getPath().startsWith("/api/report")) {
                    // answered later, as a post waiting for Kafka is: the slot stays taken until then
                    firstArrived.countDown();
                    CompletableFuture.runAsync(() -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        response.setStatus(200);
                        callback.succeeded();
                    });
                    return true;
                }
                response.setStatus(200);
                callback.succeeded();
                return true;
            }
        });
        server.setHandler(admission);
        server.start();
        base = "http://localhost:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        server.stop();
    }

    @Test
    void aPostThatFindsNoRoomWithinTheWaitIsAnswered503WithRetryAfterAndNotHandled() throws Exception {
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(post(), HttpResponse.BodyHandlers.ofString());
        assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> second = http.send(post("/api/report/"), HttpResponse.BodyHandlers.ofString());

        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.headers().firstValue("Retry-After")).hasValue(ReportAdmission.RETRY_AFTER_SECONDS);
        assertThat(second.body()).contains("ingest is at capacity");
        assertThat(handled).as("the refused post never reached the service").hasValue(1);
        assertThat(registry.get("scope.ingest.report.admission.refused")
                        .functionCounter()
                        .count())
                .isEqualTo(1.0);

        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(http.send(post(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("room again once the first is answered")
                .isEqualTo(200);
    }

    @Test
    void aPostThatWaitsLessThanTheWaitGoesIn() throws Exception {
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(post(), HttpResponse.BodyHandlers.ofString());
        assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<HttpResponse<String>> second = http.sendAsync(post(), HttpResponse.BodyHandlers.ofString());
        Thread.sleep(50);
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void otherRequestsAreNotCounted() throws Exception {
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(post(), HttpResponse.BodyHandlers.ofString());
        assertThat(firstArrived.await(5, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> api = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(api.statusCode()).isEqualTo(200);
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    private HttpRequest post() {
        return post("/api/report");
    }

    private HttpRequest post(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .timeout(Duration.ofSeconds(10))
                .build();
    }
}
