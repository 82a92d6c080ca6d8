package io.scopecloud.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control service alone, on a real PostgreSQL, with simulated probes speaking Scope's framing:
 * the handshake, calls, errors, roles, isolation, timeouts, a probe dying mid-call, last
 * connection wins, and the audit log.
 */
class ControlAppIT {
    private static TestDatabase db;
    private static ControlTestApp app;
    private static Registry registry;
    private static TestOrg acme;
    private static TestOrg other;

    @BeforeAll
    static void start() {
        db = TestInfrastructure.shared().newDatabase();
        app = ControlTestApp.start(db, ConfigOverride.config("control.callTimeout", "1500ms"));
        registry = new Registry(db);
        Tenancy tenancy = TestOrg.tenancy(db);
        acme = TestOrg.create(tenancy, "Acme");
        other = TestOrg.create(tenancy, "Other");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void refusesAControlSocketWithoutProbeIdExactlyAsScopeDoes() throws Exception {
        String request = "GET /api/control/ws HTTP/1.1\r\nHost: 127.0.0.1:" + app.port()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ZyD6OTeb1K3h2fzp54Iiew==\r\n"
                + "Sec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:" + app.port() + "\r\n\r\n";
        String answer;
        try (Socket socket = new Socket(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), app.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answer = readResponse(socket.getInputStream());
        }
        JsonNode fixture = SimulatedProbe.JSON.readTree(
                getClass().getResourceAsStream("/fixtures/09_control_ws_without_probe_id.json"));

        assertThat(answer).startsWith("HTTP/1.1 400 ");
        assertThat(answer).containsIgnoringCase("Content-Type: application/json");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4))
                .isEqualTo(fixture.get("body").asText());
    }

    @Test
    void refusesAControlSocketWithoutAKnownToken() {
        CompletableFuture<WebSocket> open = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", "Scope-Probe token=scp_not-a-token")
                .header("X-Scope-Probe-ID", "abc")
                .buildAsync(
                        URI.create("ws://localhost:" + app.port() + "/api/control/ws"), new WebSocket.Listener() {});

        assertThat(open)
                .failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(401));
    }

    @Test
    void runsAControlOnTheProbeAndPassesItsAnswerThrough() throws Exception {
        try (SimulatedProbe probe = connect(acme, "a1b2c3", SimulatedProbe.echo())) {
            HttpResponse<String> response = ui(acme, Role.MEMBER)
                    .control("a1b2c3", "abc;<container>", "docker_stop_container", "{\"signal\":\"TERM\"}");

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode value = SimulatedProbe.JSON.readTree(response.body()).get("value");
            assertThat(value.get("NodeID").asText()).isEqualTo("abc;<container>");
            assertThat(value.get("Control").asText()).isEqualTo("docker_stop_container");
            assertThat(value.get("ControlArgs").get("signal").asText()).isEqualTo("TERM");
            assertThat(probe.received)
                    .containsExactly(
                            "{\"Request\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":0},\"Response\":null,\"Value\":null}",
                            "{\"Request\":null,\"Response\":null,\"Value\":{\"AppID\":\"\",\"NodeID\":\"abc;\\u003ccontainer\\u003e\","
                                    + "\"Control\":\"docker_stop_container\",\"ControlArgs\":{\"signal\":\"TERM\"}}}");
        }
    }

    @Test
    void passesNodeIdsWithPercentEncodedSlashesAndSemicolons() throws Exception {
        String node = "arn:aws:ecs:eu-west-1:1234:task/abc;<ecs_task>";
        try (SimulatedProbe probe = connect(acme, "slashes", SimulatedProbe.echo())) {
            HttpResponse<String> response = ui(acme, Role.MEMBER).control("slashes", node, "ecs_scale_up", null);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).get("value").get("NodeID").asText()).isEqualTo(node);
        }
    }

    @Test
    void answersWithScopesTextWhenTheProbeIsNotConnected() throws Exception {
        HttpResponse<String> response = ui(acme, Role.MEMBER).control("deadbeef", "n", "docker_stop_container", null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .as("a bare JSON string, as Scope answers")
                .isEqualTo("\"probe deadbeef is not connected right now\"");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store");
    }

    @Test
    void answers400WithTheProbesErrorWhenTheControlFails() throws Exception {
        try (SimulatedProbe probe = connect(acme, "errs", SimulatedProbe.echo())) {
            HttpResponse<String> response = ui(acme, Role.MEMBER).control("errs", "n", "no_such_control", null);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).asText()).isEqualTo("Control \"no_such_control\" not recognised");
        }
    }

    @Test
    void runsConcurrentCallsOnOneConnectionAndMatchesEachAnswer() throws Exception {
        SimulatedProbe.Handler slowEcho = request -> CompletableFuture.supplyAsync(
                () -> SimulatedProbe.JSON.createObjectNode().set("value", request),
                CompletableFuture.delayedExecutor(ThreadLocalRandom.current().nextInt(50), TimeUnit.MILLISECONDS));
        try (SimulatedProbe probe = connect(acme, "busy", slowEcho)) {
            ExecutorService pool = Executors.newFixedThreadPool(10);
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String node = "node-" + i;
                calls.add(CompletableFuture.supplyAsync(
                        () -> ui(acme, Role.MEMBER).control("busy", node, "docker_restart_container", null), pool));
            }
            for (int i = 0; i < calls.size(); i++) {
                HttpResponse<String> response = calls.get(i).get(20, TimeUnit.SECONDS);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(json(response).get("value").get("NodeID").asText()).isEqualTo("node-" + i);
            }
            pool.shutdown();
        }
    }

    @Test
    void answers404ForAnotherOrgAndNeverReachesItsProbes() throws Exception {
        try (SimulatedProbe probe = connect(acme, "private", SimulatedProbe.echo())) {
            UiClient intruder = new UiClient(app.base(), acme.externalId(), other.as(Role.OWNER));
            HttpResponse<String> crossOrg = intruder.control("private", "n", "docker_stop_container", null);
            assertThat(crossOrg.statusCode()).isEqualTo(404);

            HttpResponse<String> ownOrg = ui(other, Role.OWNER).control("private", "n", "docker_stop_container", null);
            assertThat(ownOrg.statusCode()).isEqualTo(400);
            assertThat(json(ownOrg).asText()).isEqualTo("probe private is not connected right now");
            assertThat(probe.received).isEmpty();
        }
    }

    @Test
    void viewersRunNoControlsAndShellsNeedAnAdmin() throws Exception {
        try (SimulatedProbe probe = connect(acme, "roles", SimulatedProbe.echo())) {
            HttpResponse<String> viewer = ui(acme, Role.VIEWER).control("roles", "n", "docker_stop_container", null);
            assertThat(viewer.statusCode()).isEqualTo(403);
            assertThat(json(viewer).asText()).contains("needs the member role");

            HttpResponse<String> memberShell = ui(acme, Role.MEMBER).control("roles", "h;<host>", "host_exec", null);
            assertThat(memberShell.statusCode()).isEqualTo(403);

            HttpResponse<String> adminShell = ui(acme, Role.ADMIN).control("roles", "h;<host>", "host_exec", null);
            assertThat(adminShell.statusCode()).isEqualTo(200);
            assertThat(probe.received).hasSize(2); // only the admin's call reached the probe
        }
    }

    @Test
    void answers504WhenTheProbeDoesNotAnswerInTime() throws Exception {
        try (SimulatedProbe probe = connect(acme, "mute", request -> new CompletableFuture<>())) {
            long started = System.nanoTime();
            HttpResponse<String> response = ui(acme, Role.MEMBER).control("mute", "n", "docker_stop_container", null);

            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(json(response).asText()).contains("did not answer").contains("1500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void failsPromptlyWhenTheProbeDiesMidCall() throws Exception {
        SimulatedProbe[] self = new SimulatedProbe[1];
        SimulatedProbe probe = connect(acme, "doomed", request -> {
            CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> self[0].kill());
            return new CompletableFuture<>();
        });
        self[0] = probe;
        long started = System.nanoTime();
        HttpResponse<String> response = ui(acme, Role.MEMBER).control("doomed", "n", "docker_stop_container", null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).asText()).contains("probe doomed disconnected");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
        registry.awaitGone(acme.id(), "doomed");
    }

    @Test
    void theLastConnectionOfAProbeWins() throws Exception {
        SimulatedProbe first = connect(acme, "twice", SimulatedProbe.echo());
        try (SimulatedProbe second = connect(acme, "twice", SimulatedProbe.echo())) {
            assertThat(first.awaitClosed(Duration.ofSeconds(5))).isTrue();
            HttpResponse<String> response = ui(acme, Role.MEMBER).control("twice", "n", "docker_stop_container", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(second.received).hasSize(2);
            assertThat(first.received).isEmpty();
            assertThat(registry.instanceUrlOf(acme.id(), "twice")).isPresent();
        }
    }

    @Test
    void anOrgRequiringTwoFactorRefusesAnAdminWithoutItAShell() throws Exception {
        TestOrg strict = TestOrg.create(TestOrg.tenancy(db), "Strict");
        TestOrg.tenancy(db)
                .jdbi()
                .useHandle(h -> h.execute("UPDATE orgs SET require_two_factor = true WHERE id = ?", strict.id()));
        try (SimulatedProbe probe = connect(strict, "strict", SimulatedProbe.echo())) {
            HttpResponse<String> shell = ui(strict, Role.ADMIN).control("strict", "vm;<host>", "host_exec", null);

            assertThat(shell.statusCode()).as(shell.body()).isEqualTo(403);
            assertThat(shell.body()).contains("requires two-factor sign-in");
            assertThat(probe.received).as("nothing reached the probe").isEmpty();
        }
    }

    @Test
    void refusesArgumentsThatAreNotAnObjectOfStrings() {
        HttpResponse<String> response = ui(acme, Role.MEMBER).control("any", "n", "c", "{\"width\":80}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("must be a string");
    }

    @Test
    void recordsEveryInvocationAndListsThemToAdminsOnly() throws Exception {
        TestOrg audited = TestOrg.create(TestOrg.tenancy(db), "Audited");
        TestOrg other = TestOrg.create(TestOrg.tenancy(db), "Other audited");
        ui(other, Role.MEMBER).control("gone", "n", "docker_stop_container", null);
        awaitAudit(other, 1);
        try (SimulatedProbe probe = connect(audited, "aud", SimulatedProbe.echo())) {
            ui(audited, Role.MEMBER).control("aud", "c1;<container>", "docker_pause_container", "{\"k\":\"v\"}");
            ui(audited, Role.MEMBER).control("aud", "n", "no_such_control", null);
            ui(audited, Role.VIEWER).control("aud", "n", "docker_stop_container", null);
            ui(audited, Role.MEMBER).control("gone", "n", "docker_stop_container", null);
        }
        HttpResponse<String> listed = awaitAudit(audited, 4); // written off the request path
        JsonNode entries = json(listed).get("entries");
        assertThat(entries).hasSize(4);
        assertThat(entries.findValuesAsText("outcome")).containsExactly("not_connected", "denied", "failed", "ok");
        assertThat(entries.findValuesAsText("id"))
                .as("numbered per org: nothing tells how many controls other orgs ran")
                .containsExactly("4", "3", "2", "1");
        JsonNode ok = entries.get(3);
        assertThat(ok.get("control").asText()).isEqualTo("docker_pause_container");
        assertThat(ok.get("nodeId").asText()).isEqualTo("c1;<container>");
        assertThat(ok.get("probeId").asText()).isEqualTo("aud");
        assertThat(ok.get("args").get("k").asText()).isEqualTo("v");
        assertThat(ok.get("userId").asText())
                .isEqualTo(audited.as(Role.MEMBER).userId().toString());
        assertThat(ok.get("actor").asText()).startsWith("member-").endsWith("@example.com");
        assertThat(entries.get(2).get("error").asText()).isEqualTo("Control \"no_such_control\" not recognised");

        HttpResponse<String> page = ui(audited, Role.ADMIN).get("/api/control/audit?limit=3");
        assertThat(json(page).get("entries")).hasSize(3);
        long next = json(page).get("next").asLong();
        assertThat(json(ui(audited, Role.ADMIN).get("/api/control/audit?before=" + next))
                        .get("entries"))
                .hasSize(1);

        assertThat(ui(audited, Role.MEMBER).get("/api/control/audit").statusCode())
                .isEqualTo(403);
        assertThat(new UiClient(app.base(), audited.externalId(), acme.as(Role.OWNER))
                        .get("/api/control/audit")
                        .statusCode())
                .isEqualTo(404);
    }

    private static HttpResponse<String> awaitAudit(TestOrg org, int entries) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> listed = ui(org, Role.ADMIN).get("/api/control/audit");
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            if (json(listed).get("entries").size() >= entries || System.nanoTime() > deadline) {
                return listed;
            }
            Thread.sleep(20);
        }
    }

    /** One HTTP response: the head, then as many bytes as Content-Length says. */
    @Test
    void answersEveryInternalPathWith404WithoutTheSecretWhateverTheMethod() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String org = acme.id().toString();
        List<String> paths = List.of(
                "/internal/control/" + org + "/a1b2c3",
                "/internal/control/not-a-uuid/a1b2c3",
                "/internal/control/" + org + "/a1b2c3/evict/" + org,
                "/internal/pipe/" + org + "/pipe-1/close",
                "/internal",
                "/internal/nothing-here");
        for (String path : paths) {
            for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
                for (String secret : new String[] {null, "wrong-secret"}) {
                    java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                                    URI.create(app.base() + path))
                            .method(method, java.net.http.HttpRequest.BodyPublishers.ofString("{"))
                            .header("Content-Type", "application/json");
                    if (secret != null) {
                        request.header("X-Scope-Control-Secret", secret);
                    }
                    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode())
                            .as(method + " " + path + " " + response.body())
                            .isEqualTo(404);
                    assertThat(response.body()).isEqualTo("{\"code\":404,\"message\":\"HTTP 404 Not Found\"}");
                }
            }
        }
        HttpResponse<String> withSecret = http.send(
                java.net.http.HttpRequest.newBuilder(URI.create(app.base() + paths.get(0)))
                        .GET()
                        .header("X-Scope-Control-Secret", "integration-test-secret")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withSecret.statusCode())
                .as("the secret reaches the resource")
                .isEqualTo(405);
    }

    private static String readResponse(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static SimulatedProbe connect(TestOrg org, String probeId, SimulatedProbe.Handler handler)
            throws Exception {
        SimulatedProbe probe = SimulatedProbe.connect(app.base(), org.token(), probeId, handler);
        registry.awaitAt(org.id(), probeId, app.base());
        return probe;
    }

    private static UiClient ui(TestOrg org, Role role) {
        return new UiClient(app.base(), org.externalId(), org.as(role));
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return SimulatedProbe.JSON.readTree(response.body());
        } catch (Exception e) {
            throw new CompletionException("not JSON: " + response.body(), e);
        }
    }
}
