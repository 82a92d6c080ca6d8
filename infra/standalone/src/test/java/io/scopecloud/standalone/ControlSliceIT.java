package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.standalone.ServiceClient.Person;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Controls end to end in the standalone install on a real PostgreSQL and Kafka, with the real
 * probe and a real plugin process ({@link RealProbe}): people sign up and are invited through the
 * portal API, the owner issues the probe's token, the probe reports this host decorated by the
 * plugin; a member's control call goes service → probe's control websocket → plugin's
 * {@code /control} and back, the plugin's shortcut report reaches an open topology websocket at
 * once (long before its next periodic render), and the audit log lists the call. Another org's
 * member gets 404 and a viewer 403, neither reaching the plugin. A probe that stops answering
 * gets 504 within {@code control.callTimeout}; one killed mid-call gets 502 at once.
 */
class ControlSliceIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "control slice passphrase 7"; // passes the password policy (issue 17 item 7)
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(8);
    /** The topology websocket's own render period: anything sooner was woken by a shortcut report. */
    private static final Duration RENDER_PERIOD = Duration.ofSeconds(60);

    private static StandaloneTestApp app;
    private static ServiceClient client;
    private static Person owner;
    private static Person member;
    private static Person viewer;
    private static Person outsider;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        app = StandaloneTestApp.builder()
                .realProbeLimits()
                .set("control.callTimeout", CALL_TIMEOUT.toSeconds() + "s")
                .start();
        client = app.client();
        String run = Long.toString(System.nanoTime(), 36);
        owner = client.signUp("owner-" + run + "@example.com", PASSWORD, "Controls");
        token = client.createToken(owner, "control slice probe");
        member = client.invite(owner, "member", "member-" + run + "@example.com", PASSWORD);
        viewer = client.invite(owner, "viewer", "viewer-" + run + "@example.com", PASSWORD);
        outsider = client.signUp("outsider-" + run + "@example.com", PASSWORD, "Elsewhere");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPluginControlRunsThroughTheRealProbeAndItsShortcutReachesTheTopologyWebsocketAtOnce() throws Exception {
        try (RealProbe probe = RealProbe.start(app.baseUri(), token, false)) {
            String host = probe.hostNodeId();
            // The host as the details panel shows it: the plugin's metric, and its control on this probe.
            JsonNode details = awaitJson(
                    "/api/app/" + owner.org() + "/api/topology/hosts/" + encode(host),
                    owner,
                    n -> hasControl(n.path("node"), probe.probeId(), RealProbe.PING)
                            && pings(n.path("node")).isPresent(),
                    probe);
            assertThat(pings(details.path("node"))).as("pings before any call").contains(0.0);

            // A UI watching the hosts view, re-rendered only every minute unless a shortcut wakes it.
            List<JsonNode> messages = new CopyOnWriteArrayList<>();
            long opened = System.nanoTime();
            WebSocket view = HTTP.newWebSocketBuilder()
                    .header("Cookie", member.cookie())
                    .buildAsync(
                            URI.create("ws://localhost:" + app.port() + "/api/app/" + member.org()
                                    + "/api/topology/hosts/ws?t=" + RENDER_PERIOD.toSeconds() + "s"),
                            collector(messages))
                    .get(20, TimeUnit.SECONDS);
            try {
                await(() -> !messages.isEmpty(), Duration.ofSeconds(20), "the first topology message", probe);
                assertThat(pingsIn(messages.get(0), host))
                        .as("the first frame shows the host with no pings yet")
                        .contains(0.0);

                long sent = System.nanoTime();
                HttpResponse<String> answer =
                        control(member, probe.probeId(), host, RealProbe.PING, Map.of("reason", "e2e"));
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                JsonNode value = ServiceClient.tree(answer.body()).path("value");
                assertThat(value.path("pinged").asText())
                        .as("the plugin's answer, passed through unchanged")
                        .isEqualTo(host);
                assertThat(value.path("args").path("reason").asText()).isEqualTo("e2e");

                await(
                        () -> messages.stream().anyMatch(m -> pingsIn(m, host).equals(Optional.of(1.0))),
                        Duration.ofSeconds(15),
                        "the plugin's shortcut report (pings = 1) on the topology websocket",
                        probe);
                long seen = System.nanoTime();
                assertThat(Duration.ofNanos(seen - sent))
                        .as("the change reached the websocket within 15 s of the call")
                        .isLessThan(Duration.ofSeconds(15));
                assertThat(Duration.ofNanos(seen - opened))
                        .as(
                                "the change came before the websocket's own %s re-render: a shortcut woke it",
                                RENDER_PERIOD)
                        .isLessThan(RENDER_PERIOD);
            } finally {
                view.abort();
            }

            assertThat(probe.pluginRequests())
                    .as("the plugin got the call with Scope's request body (scope-contract §5)")
                    .contains("POST /control?api_version=1&probe_id=" + probe.probeId())
                    .contains("\"NodeID\":\"" + host + "\",\"Control\":\"ping\",\"ControlArgs\":{\"reason\":\"e2e\"}");

            // written off the request path, within moments
            JsonNode audit;
            long auditDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            do {
                audit = ServiceClient.tree(
                                client.send("GET", "/api/app/" + owner.org() + "/api/control/audit", owner, null)
                                        .body())
                        .path("entries");
                if (audit.isEmpty()) {
                    Thread.sleep(20);
                }
            } while (audit.isEmpty() && System.nanoTime() < auditDeadline);
            assertThat(audit).as("the audit log").isNotEmpty();
            JsonNode entry = audit.get(0);
            assertThat(entry.path("control").asText()).isEqualTo(RealProbe.PING);
            assertThat(entry.path("outcome").asText()).isEqualTo("ok");
            assertThat(entry.path("probeId").asText()).isEqualTo(probe.probeId());
            assertThat(entry.path("nodeId").asText()).isEqualTo(host);
            assertThat(entry.path("userId").asText()).as("who ran it").isEqualTo(member.userId());

            // The same call by someone of another org: 404, as if the org did not exist.
            HttpResponse<String> foreign = client.send(
                    "POST", controlPath(owner.org(), probe.probeId(), host, RealProbe.PING), outsider, "{}");
            assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(404);
            // A viewer of this org may look, not act.
            HttpResponse<String> looking = control(viewer, probe.probeId(), host, RealProbe.PING, Map.of());
            assertThat(looking.statusCode()).as(looking.body()).isEqualTo(403);
            assertThat(ServiceClient.tree(looking.body()).asText()).contains("member");
            assertThat(probe.pluginRequests().split("POST /control", -1))
                    .as("only the member's call reached the plugin")
                    .hasSize(2);
        }
    }

    @Test
    void aProbeThatStopsAnsweringGets504WithinTheCallTimeout() throws Exception {
        try (RealProbe probe = RealProbe.start(app.baseUri(), token, false)) {
            String host = probe.hostNodeId();
            awaitControlConnection(probe);

            probe.freeze();
            long sent = System.nanoTime();
            HttpResponse<String> answer = control(member, probe.probeId(), host, RealProbe.PING, Map.of());
            Duration took = Duration.ofNanos(System.nanoTime() - sent);

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(504);
            assertThat(ServiceClient.tree(answer.body()).asText())
                    .isEqualTo("probe " + probe.probeId() + " did not answer control " + RealProbe.PING + " within "
                            + CALL_TIMEOUT.toSeconds() + " s");
            assertThat(took).as("no hang past the call timeout").isLessThan(CALL_TIMEOUT.plusSeconds(10));
        }
    }

    @Test
    void aProbeKilledMidCallGets502AtOnce() throws Exception {
        try (RealProbe probe = RealProbe.start(app.baseUri(), token, false)) {
            String host = probe.hostNodeId();
            awaitControlConnection(probe);

            // Frozen, the probe cannot answer; the call waits on its socket; then it dies.
            probe.freeze();
            long before = quietUnreadBytes(probe);
            CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(
                    () -> control(member, probe.probeId(), host, RealProbe.PING, Map.of()));
            await(
                    () -> unread(probe) > before || call.isDone(),
                    CALL_TIMEOUT.dividedBy(2),
                    "the control call to arrive on the frozen probe's socket",
                    probe);
            assertThat(call).as("the call was answered before the probe died").isNotDone();
            long killed = System.nanoTime();
            probe.kill();

            HttpResponse<String> answer = call.get(CALL_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - killed);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(502);
            assertThat(ServiceClient.tree(answer.body()).asText())
                    .isEqualTo(
                            "probe " + probe.probeId() + " disconnected before answering; try again once it is back");
            assertThat(took)
                    .as("the dead connection was noticed, not waited out (call timeout %s)", CALL_TIMEOUT)
                    .isLessThan(CALL_TIMEOUT.minusSeconds(2));
        }
    }

    /** Calls a control the probe does not have until its answer (rather than "not connected") comes back. */
    private static void awaitControlConnection(RealProbe probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last;
        while (true) {
            last = control(member, probe.probeId(), probe.hostNodeId(), "e2e_ready_check", Map.of());
            if (!(last.statusCode() == 400 && last.body().contains("not connected"))) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the probe's control connection never registered: " + last.body() + "\n" + probe);
            }
            Thread.sleep(200);
        }
        assertThat(last.statusCode()).as(last.body()).isEqualTo(400);
        assertThat(ServiceClient.tree(last.body()).asText())
                .as("the real probe's answer to an unknown control (scope-contract §3)")
                .isEqualTo("Control \"e2e_ready_check\" not recognised");
    }

    /**
     * What the frozen probe has left unread once nothing more arrives for half a second (an answer
     * to a report it was posting may still be on its way when it froze).
     */
    private static long quietUnreadBytes(RealProbe probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long last = unread(probe);
        long since = System.nanoTime();
        while (System.nanoTime() - since < Duration.ofMillis(500).toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the frozen probe's sockets kept receiving for 20 s\n" + probe);
            }
            Thread.sleep(50);
            long now = unread(probe);
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    private static long unread(RealProbe probe) {
        try {
            return probe.unreadBytesFrom(app.port());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> control(
            Person who, String probeId, String nodeId, String control, Map<String, String> args) {
        return client.send("POST", controlPath(who.org(), probeId, nodeId, control), who, ServiceClient.json(args));
    }

    /** The path as the UI builds it: each segment encoded as by encodeURIComponent. */
    private static String controlPath(String org, String probeId, String nodeId, String control) {
        return "/api/app/" + org + "/api/control/" + encode(probeId) + "/" + encode(nodeId) + "/" + encode(control);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean hasControl(JsonNode node, String probeId, String control) {
        for (JsonNode c : node.path("controls")) {
            if (c.path("id").asText().equals(control)
                    && c.path("probeId").asText().equals(probeId)) {
                return true;
            }
        }
        return false;
    }

    /** The node's "Pings" metric (the plugin's), if shown. */
    private static Optional<Double> pings(JsonNode node) {
        for (JsonNode m : node.path("metrics")) {
            if (m.path("id").asText().equals("pings")) {
                return Optional.of(m.path("value").asDouble());
            }
        }
        return Optional.empty();
    }

    /** The host's pings in one topology websocket frame, if the frame adds or updates the host. */
    private static Optional<Double> pingsIn(JsonNode frame, String host) {
        for (String part : List.of("add", "update")) {
            for (JsonNode node : frame.path(part)) {
                if (node.path("id").asText().equals(host)) {
                    return pings(node);
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode awaitJson(String path, Person who, Predicate<JsonNode> done, RealProbe probe)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = client.send("GET", path, who, null);
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode node = ServiceClient.tree(response.body());
                if (done.test(node)) {
                    return node;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("gave up on " + path + "; last answer: "
                + (last.length() > 3000 ? last.substring(0, 3000) + "..." : last) + "\n" + probe);
    }

    private static void await(BooleanSupplier done, Duration timeout, String what, RealProbe probe)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting " + timeout + " for " + what + "\n" + probe);
            }
            Thread.sleep(20);
        }
    }

    private static WebSocket.Listener collector(List<JsonNode> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(ServiceClient.tree(partial.toString()));
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }
}
