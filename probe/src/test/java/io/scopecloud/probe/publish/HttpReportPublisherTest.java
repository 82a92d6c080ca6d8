package io.scopecloud.probe.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.scopecloud.probe.net.Backoff;
import io.scopecloud.probe.net.ProbeIdentity;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.WireFormat;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpReportPublisherTest {
    private static final ProbeIdentity IDENTITY = new ProbeIdentity("s3cret", "3b0a37194325fdbc", "0.1.0");

    private HttpServer server;
    private final BlockingQueue<Captured> requests = new LinkedBlockingQueue<>();
    private final List<Integer> statuses = new CopyOnWriteArrayList<>();
    private volatile String retryAfter;
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Instant> accepted = new CopyOnWriteArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();

    @SuppressWarnings("ArrayRecordComponent") // a value carrier: never compared or hashed
    record Captured(String method, String path, Headers headers, byte[] body) {}

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(new Captured(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes()));
            int status = statuses.isEmpty() ? 200 : statuses.remove(0);
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            byte[] body = status == 200 ? new byte[0] : ("\"status " + status + "\"").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private HttpReportPublisher publisher(WireFormat format, String basePath) {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + basePath);
        return new HttpReportPublisher(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                url,
                IDENTITY,
                format,
                Backoff.standard(),
                new PublishListener() {
                    @Override
                    public void accepted(Instant at) {
                        accepted.add(at);
                    }

                    @Override
                    public void failed(Instant at, String problem) {
                        problems.add(problem);
                    }
                },
                sleeps::add,
                Clock.systemUTC());
    }

    private static Report report() {
        return Report.builder()
                .id("42")
                .ts(Instant.parse("2026-11-23T00:17:09.772729552Z"))
                .window(Duration.ofSeconds(3))
                .node(
                        TopologyType.HOST,
                        Node.builder("vm;<host>", "host")
                                .latest("host_name", Instant.parse("2026-11-23T00:17:10Z"), "vm")
                                .build())
                .build();
    }

    private static PublishQueue.Item item() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        return new PublishQueue.Item(bytes.toByteArray(), false);
    }

    @Test
    void postsGzippedJsonWithScopesHeaders() throws Exception {
        HttpReportPublisher publisher = publisher(WireFormat.JSON, "");
        publisher.start();
        try {
            publisher.publish(report(), false);
            Captured request = requests.poll(5, TimeUnit.SECONDS);

            assertThat(request).isNotNull();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/api/report");
            assertThat(request.headers().getFirst("Authorization")).isEqualTo("Scope-Probe token=s3cret");
            assertThat(request.headers().getFirst("X-Scope-Probe-ID")).isEqualTo("3b0a37194325fdbc");
            assertThat(request.headers().getFirst("X-Scope-Probe-Version")).isEqualTo("0.1.0");
            assertThat(request.headers().getFirst("User-Agent")).isEqualTo("Scope_Probe/0.1.0");
            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
            assertThat(request.headers().getFirst("Content-Encoding")).isEqualTo("gzip");
            Report decoded = ReportDecoder.decode(request.body(), WireFormat.JSON, true, DecodeLimits.defaults());
            assertThat(decoded.topology(TopologyType.HOST)
                            .nodes()
                            .get("vm;<host>")
                            .latestValue("host_name"))
                    .contains("vm");
            assertThat(decoded.windowNanos()).isEqualTo(3_000_000_000L);
            waitFor(() -> !accepted.isEmpty());
        } finally {
            publisher.close();
        }
    }

    @Test
    void canPostMsgpackUnderAServicePathPrefix() throws Exception {
        HttpReportPublisher publisher = publisher(WireFormat.MSGPACK, "/scope/");
        publisher.start();
        try {
            publisher.publish(report(), false);
            Captured request = requests.poll(5, TimeUnit.SECONDS);

            assertThat(request.path()).isEqualTo("/scope/api/report");
            assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/msgpack");
            Report decoded = ReportDecoder.decode(request.body(), WireFormat.MSGPACK, true, DecodeLimits.defaults());
            assertThat(decoded.topology(TopologyType.HOST).nodes()).containsKey("vm;<host>");
        } finally {
            publisher.close();
        }
    }

    @Test
    void backsOffOnARefusedTokenAndSaysWhy() throws Exception {
        statuses.addAll(List.of(401, 401, 401, 200, 401));
        HttpReportPublisher publisher = publisher(WireFormat.JSON, "");

        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waits.add(publisher.send(item()));
        }

        assertThat(waits)
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        null,
                        Duration.ofSeconds(1));
        assertThat(problems.get(0))
                .startsWith("the service refused the probe token (HTTP 401). Check --service-token")
                .endsWith("next attempt in 1 s");
        assertThat(accepted).hasSize(1);
    }

    @Test
    void honoursRetryAfterOn503() throws Exception {
        statuses.addAll(List.of(503, 503));
        retryAfter = "7";
        HttpReportPublisher publisher = publisher(WireFormat.JSON, "");

        assertThat(publisher.send(item())).isEqualTo(Duration.ofSeconds(7));
        retryAfter = null;
        assertThat(publisher.send(item())).isEqualTo(Duration.ofSeconds(2)); // the backoff kept counting
        assertThat(problems.get(0)).contains("HTTP 503").contains("status 503");
    }

    @Test
    void saysWhenTheServiceIsUnreachable() throws Exception {
        HttpReportPublisher publisher = publisher(WireFormat.JSON, "");
        server.stop(0);

        assertThat(publisher.send(item())).isEqualTo(Duration.ofSeconds(1));
        assertThat(problems.get(0)).startsWith("cannot reach the service at http://127.0.0.1:");
    }

    @Test
    void theSenderLoopWaitsTheBackoffBetweenFailures() throws Exception {
        statuses.addAll(List.of(500, 500));
        HttpReportPublisher publisher = publisher(WireFormat.JSON, "");
        publisher.start();
        try {
            publisher.publish(report(), false);
            requests.poll(5, TimeUnit.SECONDS);
            publisher.publish(report(), false);
            requests.poll(5, TimeUnit.SECONDS);
            waitFor(() -> {
                synchronized (sleeps) {
                    return sleeps.size() >= 2;
                }
            });
            synchronized (sleeps) {
                assertThat(sleeps).startsWith(Duration.ofSeconds(1), Duration.ofSeconds(2));
            }
        } finally {
            publisher.close();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            Thread.sleep(10);
        }
    }
}
