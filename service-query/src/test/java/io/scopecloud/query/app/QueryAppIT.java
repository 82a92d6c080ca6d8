package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.kafka.ReportRecord;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.QueryConfiguration;
import io.scopecloud.query.owner.Ownership;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.assertj.core.api.Assertions;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query service on its own against real PostgreSQL and Kafka, as two instances of one
 * consumer group: reports put on the topic come back rendered, from either instance (the one
 * that does not own the org forwards), over HTTP and the topology websocket.
 */
class QueryAppIT {
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static DropwizardTestSupport<QueryConfiguration> first;
    private static DropwizardTestSupport<QueryConfiguration> second;
    private static KafkaProducer<String, byte[]> producer;
    private static String topic;
    private static Org org;
    private static String token;
    private static Org otherOrg;
    private static Tenancy tenancy;
    private static String otherToken;

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        topic = infra.newTopicName("reports");
        String group = infra.newTopicName("query");
        first = QueryTestApp.create(db, infra, topic, 4, group);
        first.before();
        second = QueryTestApp.create(db, infra, topic, 4, group);
        second.before();

        tenancy = new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
        org = tenancy.orgs().create("Query org");
        token = tenancy.probeTokens().issue(org.id(), "q", null).secret();
        otherOrg = tenancy.orgs().create("Other org");
        otherToken = tenancy.probeTokens().issue(otherOrg.id(), "o", null).secret();

        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(infra.bootstrapServers());
        producer = new KafkaProducer<>(kafka.producerProperties("query-it"));
        kafka.setReportsTopic(topic);
        awaitBothHoldPartitions(kafka, group);
    }

    /** The group settled: each instance holds partitions (so no test's org moves while it runs). */
    private static void awaitBothHoldPartitions(KafkaFactory kafka, String group) throws Exception {
        List<UUID> onePerPartition = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            UUID id;
            do {
                id = UUID.randomUUID();
            } while (Ownership.partition(id, 4) != p);
            onePerPartition.add(id);
        }
        Set<Optional<URI>> both = Set.of(
                Optional.of(URI.create("http://localhost:" + first.getLocalPort())),
                Optional.of(URI.create("http://localhost:" + second.getLocalPort())));
        try (Ownership ownership = new Ownership(kafka, group, Clock.systemUTC())) {
            ownership.self(URI.create("http://test.invalid"));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (!onePerPartition.stream()
                    .map(ownership::remoteOwner)
                    .collect(Collectors.toSet())
                    .equals(both)) {
                assertThat(System.nanoTime())
                        .as("both instances given partitions")
                        .isLessThan(deadline);
                Thread.sleep(200);
                ownership.invalidate();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (second != null) {
            second.after();
        }
        if (first != null) {
            first.after();
        }
    }

    private static void publish(Report report, boolean shortcut) throws Exception {
        publish(org, report, shortcut);
    }

    private static void publish(Org to, Report report, boolean shortcut) throws Exception {
        producer.send(new ReportRecord(
                                to.id(),
                                "3b0a37194325fdbc",
                                "test",
                                Instant.now(),
                                shortcut,
                                CompactReportCodec.encode(report))
                        .toProducerRecord(topic))
                .get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(DropwizardTestSupport<?> app, String path, String bearer) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path));
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> await(
            DropwizardTestSupport<?> app, String path, Predicate<HttpResponse<String>> done) throws Exception {
        return await(app, path, token, done);
    }

    private static HttpResponse<String> await(
            DropwizardTestSupport<?> app, String path, String bearer, Predicate<HttpResponse<String>> done)
            throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        HttpResponse<String> last = get(app, path, bearer);
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up on " + path + ": " + last.statusCode() + " " + last.body());
            }
            Thread.sleep(200);
            last = get(app, path, bearer);
        }
        return last;
    }

    /**
     * Opens the hosts websocket on {@code app} and reads its reset frame, again while that has no
     * host: just after start the consumer group may still be settling which instance owns the
     * org, and the new owner rebuilds its window from the topic (the next tick would show it).
     */
    private static TopologyFrames openWithHost(DropwizardTestSupport<?> app) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (true) {
            TopologyFrames frames = TopologyFrames.open(
                    HTTP, URI.create("ws://localhost:" + app.getLocalPort() + api("/topology/hosts/ws?t=10s")), token);
            JsonNode reset = Fixtures.JSON.readTree(frames.next(10));
            assertThat(reset.get("reset").asBoolean()).isTrue();
            if (reset.get("add").toString().contains("vm;<host>")) {
                return frames;
            }
            frames.close();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no host in the reset frame within " + WITHIN + ": " + reset);
            }
            Thread.sleep(200);
        }
    }

    private static String api(String path) {
        return "/api/app/" + org.externalId() + "/api" + path;
    }

    private static Report fixtureReport() {
        return Fixtures.report("api_report.json").withTs(Instant.now()).withId(Report.randomId());
    }

    @Test
    void bothInstancesServeTheOrgsViewsWhicheverOwnsIt() throws Exception {
        publish(fixtureReport(), false);
        for (DropwizardTestSupport<?> app : List.of(first, second)) {
            HttpResponse<String> hosts = await(
                    app,
                    api("/topology/hosts"),
                    r -> r.statusCode() == 200 && r.body().contains("vm;"));
            assertThat(hosts.body()).contains("\"label\":\"vm\"");
            HttpResponse<String> processes = await(
                    app,
                    api("/topology/processes?unconnected=hide"),
                    r -> r.statusCode() == 200 && r.body().contains("vm;16071"));
            JsonNode nodes = Fixtures.JSON.readTree(processes.body()).get("nodes");
            assertThat(nodes.size()).isEqualTo(3);
            HttpResponse<String> node = get(app, api("/topology/hosts/vm%3B%3Chost%3E"), token);
            assertThat(node.statusCode()).isEqualTo(200);
            assertThat(node.body()).contains("\"host_exec\"").contains("incoming-connections");
            assertThat(get(app, api("/topology"), token).body()).contains("\"Processes\"");
            // awaited too: between two requests the group may move the org (a stale owner that
            // refuses the connection means this instance answers from its own state for a moment)
            await(app, api("/probes"), r -> r.statusCode() == 200 && r.body().contains("3b0a37194325fdbc"));
        }
    }

    @Test
    void answersScopesOwnRoutesAsScopesAppDoes() throws Exception {
        Org plugged = tenancy.orgs().create("Plugged org");
        String pluggedToken =
                tenancy.probeTokens().issue(plugged.id(), "p", null).secret();
        publish(plugged, Fixtures.report("plugin_api_report.json").withTs(Instant.now()), false);
        String base = "/api/app/" + plugged.externalId() + "/api";
        HttpResponse<String> api = await(
                first,
                base,
                pluggedToken,
                r -> r.statusCode() == 200 && r.body().contains("iowait"));

        JsonNode expected = Fixtures.json("plugin_api.json");
        JsonNode answered = Fixtures.JSON.readTree(api.body());
        assertThat(answered.get("plugins")).isEqualTo(expected.get("plugins"));
        assertThat(answered.get("capabilities")).isEqualTo(expected.get("capabilities"));
        assertThat(api.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store");
        assertThat(Fixtures.JSON
                        .readTree(get(first, "/api/app/" + otherOrg.externalId() + "/api", otherToken)
                                .body())
                        .get("plugins"))
                .as("no plugins: an empty list, as Scope answers")
                .isEqualTo(Fixtures.JSON.createArrayNode());

        HttpResponse<String> hosts = await(
                first,
                base + "/topology/hosts",
                pluggedToken,
                r -> r.statusCode() == 200 && r.body().contains("vm;"));
        assertThat(hosts.body()).as("'<' and '>' escaped as Go escapes them").contains("vm;\\u003chost\\u003e");
        HttpResponse<String> unknown = get(first, base + "/topology/nonsense", pluggedToken);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Fixtures.JSON.readTree(unknown.body()).isTextual())
                .as("an error is a bare JSON string on Scope's routes: " + unknown.body())
                .isTrue();
    }

    @Test
    void encodesAndGzipsAViewOncePerSnapshotForEveryViewer() throws Exception {
        publish(fixtureReport(), false);
        String path = api("/topology/processes");
        await(first, path, r -> r.statusCode() == 200 && r.body().contains("vm;16071"));
        HttpResponse<byte[]> gzipped = getGzipped(first, path);
        HttpResponse<byte[]> viaOther = getGzipped(second, path);

        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary"))
                .hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
        JsonNode view = Fixtures.JSON.readTree(gunzip(gzipped.body()));
        assertThat(view.get("nodes").has("vm;16071"))
                .as("gzipped once, not twice")
                .isTrue();
        assertThat(viaOther.headers().firstValue("Content-Encoding"))
                .as("gzipped by the owner, passed through by the other instance")
                .hasValue("gzip");
        assertThat(Fixtures.JSON.readTree(gunzip(viaOther.body())).get("nodes").has("vm;16071"))
                .isTrue();

        // the merged report's JSON (Scope's codec) is shared the same way
        HttpResponse<byte[]> report = getGzipped(first, api("/report"));
        assertThat(report.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(report.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode merged = Fixtures.JSON.readTree(gunzip(report.body()));
        assertThat(merged.get("Process").get("nodes").has("vm;16071")).isTrue();
        assertThat(get(first, api("/report"), token).body())
                .as("the same bytes, plain, to a caller without gzip")
                .isEqualTo(new String(gunzip(report.body()), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static HttpResponse<byte[]> getGzipped(DropwizardTestSupport<?> app, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept-Encoding", "gzip")
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }

    @Test
    void answersOtherOrgsWith404AndBadOptionsWith400() {
        assertThat(get(first, api("/topology/hosts"), otherToken).statusCode()).isEqualTo(404);
        assertThat(get(second, api("/report"), otherToken).statusCode()).isEqualTo(404);
        assertThat(get(first, api("/topology/hosts"), null).statusCode()).isEqualTo(401);
        HttpResponse<String> bad = get(first, api("/topology/containers?system=bogus"), token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown value 'bogus' for option 'system'");
        for (String path : List.of("/topology/hosts?system=bogus", "/topology/processes?storage=bogus")) {
            HttpResponse<String> unknown = get(first, api(path), token);
            assertThat(unknown.statusCode()).as(path).isEqualTo(400);
            assertThat(unknown.body()).as(path).contains("unknown value");
        }
        assertThat(get(first, api("/topology/nonsense"), token).statusCode()).isEqualTo(404);
        assertThat(get(first, "/api/app/" + otherOrg.externalId() + "/api/topology/hosts", otherToken)
                        .body())
                .isEqualTo("{\"nodes\":{}}");
    }

    /**
     * Opens the hosts websocket on {@code app}, posts a shortcut report and returns the frame that
     * follows within 5 s. Just after start the group may still move the org between the two
     * instances, which closes the socket (1012) as the UI would see it; then, as the UI does, it
     * opens it again (three tries).
     */
    private static String shortcutDiff(DropwizardTestSupport<?> app) throws Exception {
        String diff = null;
        for (int attempt = 0; attempt < 3 && diff == null; attempt++) {
            TopologyFrames frames = openWithHost(app);
            Report shortcut = Report.builder()
                    .ts(Instant.now())
                    .id(Report.randomId())
                    .shortcut(true)
                    .node(
                            io.scopecloud.report.TopologyType.HOST,
                            io.scopecloud.report.Node.builder("vm;<host>", "host")
                                    // a new value each attempt: a late diff of the last one must not hide this one's
                                    .latest("uptime", Instant.now(), app.getLocalPort() + "-" + attempt)
                                    .build())
                    .build();
            publish(shortcut, true);
            diff = frames.next(5);
            frames.close();
        }
        return diff;
    }

    @Test
    void websocketSendsResetThenDiffsAndRejectsBadIntervals() throws Exception {
        publish(fixtureReport(), false);
        await(first, api("/topology/hosts"), r -> r.body().contains("vm;"));
        for (DropwizardTestSupport<?> app : List.of(first, second)) {
            assertThat(shortcutDiff(app))
                    .as("a diff long before the 10 s tick")
                    .isNotNull()
                    .contains("\"update\":[")
                    .contains("\"" + app.getLocalPort() + "-");
        }
        var badT = HTTP.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(
                        URI.create("ws://localhost:" + first.getLocalPort() + api("/topology/hosts/ws?t=fast")),
                        new WebSocket.Listener() {});
        Throwable failure = Assertions.catchThrowable(() -> badT.get(10, TimeUnit.SECONDS));
        Throwable cause = failure;
        while (cause != null && !(cause instanceof java.net.http.WebSocketHandshakeException)) {
            cause = cause.getCause();
        }
        assertThat(cause).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
        var handshake = (java.net.http.WebSocketHandshakeException) cause;
        assertThat(handshake.getResponse().statusCode()).isEqualTo(400);
    }

    @Test
    void websocketRefusesAnotherSitesOriginAndKeepsThisSitesAndProbes() throws Exception {
        URI ws = URI.create("ws://localhost:" + first.getLocalPort() + api("/topology/hosts/ws?t=10s"));
        for (String foreign : List.of("https://evil.example", "http://localhost:1", "null")) {
            var open = HTTP.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + token)
                    .header("Origin", foreign)
                    .buildAsync(ws, new WebSocket.Listener() {});
            Throwable failure = Assertions.catchThrowable(() -> open.get(10, TimeUnit.SECONDS));
            assertThat(failure).as(foreign).hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
            var handshake = (java.net.http.WebSocketHandshakeException) failure.getCause();
            assertThat(handshake.getResponse().statusCode()).as(foreign).isEqualTo(403);
        }
        // This site: the request's own Host, the configured public URL (tenancy.publicUrl), or no Origin.
        for (String own : List.of("http://localhost:" + first.getLocalPort(), "http://localhost:4040", "")) {
            var builder = HTTP.newWebSocketBuilder().header("Authorization", "Bearer " + token);
            if (!own.isEmpty()) {
                builder.header("Origin", own);
            }
            WebSocket socket =
                    builder.buildAsync(ws, new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aViewerThatReadsSlowlyGetsWhatItMissedInFewDiffsNotEachOneQueued() throws Exception {
        Org slow = tenancy.orgs().create("Slow viewer org");
        String slowToken = tenancy.probeTokens().issue(slow.id(), "s", null).secret();
        String hosts = "/api/app/" + slow.externalId() + "/api/topology/hosts";
        int rounds = 16;
        for (DropwizardTestSupport<?> app : List.of(first, second)) {
            // in full for each instance's turn, well inside the 15 s window
            String start = "start" + app.getLocalPort();
            publish(slow, manyHosts(start, true), false);
            await(app, hosts, slowToken, r -> r.body().contains(start));
            TopologyFrames frames = TopologyFrames.openWithReceiveBuffer(
                    URI.create("ws://localhost:" + app.getLocalPort() + hosts + "/ws?t=10s"), slowToken, 256 * 1024);
            assertThat(Fixtures.JSON.readTree(frames.next(10)).path("reset").asBoolean())
                    .as("the reset frame")
                    .isTrue();
            frames.pause();
            String last = null;
            for (int round = 0; round < rounds; round++) {
                // one at a time, each shown before the next: each would make a diff of its own (~3 MB)
                String uptime = "u" + app.getLocalPort() + "-" + round;
                publish(slow, manyHosts(uptime, false), true);
                await(app, hosts, slowToken, r -> r.body().contains(uptime));
                last = uptime;
            }
            frames.resume();
            int received = 0;
            String frame;
            do {
                frame = frames.next(30);
                assertThat(frame).as("a diff with the last change within 30 s").isNotNull();
                received++;
            } while (!frame.contains(last));
            // what the sockets held when the viewer stopped reading, then one diff of the rest
            assertThat(received).as("frames for %d changes", rounds).isLessThan(rounds / 2);
            frames.close();
        }
    }

    /** 3,000 hosts whose summaries are about 1 KB each (a long {@code os}, sent once), all with this uptime. */
    private static Report manyHosts(String uptime, boolean full) {
        Report template = Fixtures.report("api_report.json");
        Report.Builder report =
                Report.builder().ts(Instant.now()).id(Report.randomId()).shortcut(!full);
        if (full) {
            report.topology(
                    io.scopecloud.report.TopologyType.HOST,
                    template.topology(io.scopecloud.report.TopologyType.HOST).toBuilder()
                            .clearNodes()
                            .build());
        }
        String os = "x".repeat(900);
        for (int i = 0; i < 3000; i++) {
            io.scopecloud.report.Node.Builder host = io.scopecloud.report.Node.builder("h" + i + ";<host>", "host")
                    .latest("uptime", Instant.now(), uptime);
            if (full) {
                host.latest("host_name", Instant.now(), "h" + i).latest("os", Instant.now(), os);
            }
            report.node(io.scopecloud.report.TopologyType.HOST, host.build());
        }
        return report.build();
    }
}
