package io.scopecloud.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.testing.ConfigOverride;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scopecloud.ops.OpsBundle;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.session.Sessions;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code FastControls} against a real PostgreSQL and simulated probes: every control call it answers in front of
 * Jersey gets Jersey's status, headers and bytes, the same audit entry and the same request metric; the requests it
 * leaves to Jersey (refused callers, CSRF, odd bodies) are answered by Jersey as before. Which path answered is told by
 * {@code scope_control_fast_calls_total}; a {@code Content-Type} of {@code application/octet-stream}, which Jersey
 * reads like any other, sends a request to Jersey.
 */
class FastControlsIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String JERSEY_ONLY = "application/octet-stream";

    private static TestDatabase db;
    private static ControlTestApp app;
    private static TestOrg acme;
    private static TestOrg other;
    private static Registry registry;

    @BeforeAll
    static void start() {
        db = TestInfrastructure.shared().newDatabase();
        app = ControlTestApp.start(db, ConfigOverride.config("control.callTimeout", "700ms"));
        registry = new Registry(db);
        Tenancy tenancy = TestOrg.tenancy(db);
        acme = TestOrg.create(tenancy, "Fast Acme");
        other = TestOrg.create(tenancy, "Fast Other");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void answersAProbeNotConnectedAsJersey() throws Exception {
        sameAnswerBothWays(
                "not connected", true, 400, call(acme, Role.MEMBER, "nowhere", "n;<host>", "docker_stop_container"));
    }

    @Test
    void answersAControlTheRoleMayNotRunAsJersey() throws Exception {
        sameAnswerBothWays("viewer", true, 403, call(acme, Role.VIEWER, "nowhere", "n", "docker_stop_container"));
        sameAnswerBothWays("member shell", true, 403, call(acme, Role.MEMBER, "nowhere", "h;<host>", "host_exec"));
    }

    @Test
    void answersBadArgumentsAsJersey() throws Exception {
        for (String body : List.of("{\"width\":80}", "[\"a\"]", "{not json", "{\"a\":\"<&>\"}x")) {
            sameAnswerBothWays("arguments " + body, true, 400, () -> call(acme, Role.MEMBER, "nowhere", "n", "c")
                    .get()
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }
    }

    @Test
    void leavesRefusedCallersToJersey() throws Exception {
        sameAnswerBothWays(
                "another org's person",
                false,
                404,
                signedIn(acme, other.as(Role.OWNER), "nowhere", "n", "docker_stop_container"));
        sameAnswerBothWays("signed out", false, 401, () -> request(acme, "nowhere", "n", "docker_stop_container"));
        sameAnswerBothWays("a probe token (viewer) for another org", false, 404, () -> request(
                        acme, "nowhere", "n", "docker_stop_container")
                .header("Authorization", "Bearer " + other.token()));
        sameAnswerBothWays("no CSRF token", false, 403, () -> request(acme, "nowhere", "n", "docker_stop_container")
                .header("Cookie", "scope_session=" + acme.as(Role.MEMBER).cookieValue()));
        sameAnswerBothWays(
                "a stale CSRF token", false, 403, () -> call(acme, Role.MEMBER, "nowhere", "n", "docker_stop_container")
                        .get()
                        .setHeader("X-CSRF-Token", acme.as(Role.ADMIN).csrfToken()));
        sameAnswerBothWays(
                "another site", false, 403, () -> call(acme, Role.MEMBER, "nowhere", "n", "docker_stop_container")
                        .get()
                        .setHeader("Origin", "http://evil.example"));
    }

    @Test
    void aProbeTokenAsBearerIsAViewerThere() throws Exception {
        sameAnswerBothWays("probe token", true, 403, () -> request(acme, "nowhere", "n", "docker_stop_container")
                .header("Authorization", "Bearer " + acme.token()));
    }

    @Test
    void runsAControlOnAConnectedProbeAsJersey() throws Exception {
        try (SimulatedProbe probe = connect(acme, "fast-ok", SimulatedProbe.echo())) {
            sameAnswerBothWays("success with arguments", true, 200, () -> call(
                            acme, Role.MEMBER, "fast-ok", "c1;<container>", "docker_pause_container")
                    .get()
                    .POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"<v&>\"}")));
            sameAnswerBothWays(
                    "success without",
                    true,
                    200,
                    call(acme, Role.MEMBER, "fast-ok", "arn:aws:ecs:task/abc;<ecs_task>", "ecs_scale_up"));
            sameAnswerBothWays(
                    "the control's error", true, 400, call(acme, Role.MEMBER, "fast-ok", "n", "no_such_control"));
            assertThat(probe.received).as("each call reached the probe once").hasSize(12);
        }
    }

    @Test
    void answersAProbeThatDoesNotAnswerInTimeAsJersey() throws Exception {
        try (SimulatedProbe probe = connect(acme, "fast-mute", request -> new CompletableFuture<>())) {
            sameAnswerBothWays(
                    "timeout", true, 504, call(acme, Role.MEMBER, "fast-mute", "n", "docker_stop_container"));
            assertThat(probe.received).as("both calls reached the probe").hasSize(4);
        }
    }

    @Test
    void writesTheSameAuditEntryWhicheverPathAnswered() throws Exception {
        TestOrg org = TestOrg.create(TestOrg.tenancy(db), "Fast audited");
        try (SimulatedProbe probe = connect(org, "aud", SimulatedProbe.echo())) {
            List<Supplier<HttpRequest.Builder>> calls = List.of(
                    () -> call(org, Role.MEMBER, "aud", "c1;<container>", "docker_pause_container")
                            .get()
                            .POST(HttpRequest.BodyPublishers.ofString("{\"k\":\"v\"}")),
                    call(org, Role.MEMBER, "aud", "n", "no_such_control"),
                    call(org, Role.VIEWER, "aud", "n", "docker_stop_container"),
                    call(org, Role.MEMBER, "gone", "n", "docker_stop_container"));
            for (Supplier<HttpRequest.Builder> c : calls) {
                send(c.get().header("Content-Type", JERSEY_ONLY));
                send(c.get());
            }
            assertThat(probe.received)
                    .as("four calls reached the probe (the viewer's did not)")
                    .hasSize(8);
        }
        JsonNode entries = awaitAudit(org, 8);
        assertThat(entries).hasSize(8);
        for (int i = 0; i < 8; i += 2) {
            ObjectNode fast = (ObjectNode) entries.get(i).deepCopy();
            ObjectNode jersey = (ObjectNode) entries.get(i + 1).deepCopy();
            for (ObjectNode e : List.of(fast, jersey)) {
                e.remove(List.of("id", "at", "durationMs"));
            }
            assertThat(fast).as("entry " + i).isEqualTo(jersey);
        }
        assertThat(entries.findValuesAsText("outcome"))
                .containsExactly("not_connected", "not_connected", "denied", "denied", "failed", "failed", "ok", "ok");
    }

    @Test
    void leavesOversizedAndChunkedBodiesToJersey() throws Exception {
        String big = "{\"k\":\"" + "x".repeat(70 * 1024) + "\"}";
        double before = fastCalls();
        HttpResponse<String> oversized = send(call(acme, Role.MEMBER, "nowhere", "n", "c")
                .get()
                .POST(HttpRequest.BodyPublishers.ofString(big))
                .header("Content-Type", "application/json"));
        assertThat(oversized.statusCode()).as(oversized.body()).isEqualTo(413);
        HttpResponse<String> chunked = send(call(acme, Role.MEMBER, "nowhere", "n", "c")
                .get()
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString("{}")))
                .header("Content-Type", "application/json"));
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(400);
        assertThat(chunked.body()).isEqualTo("\"probe nowhere is not connected right now\"");
        assertThat(fastCalls()).as("both went to Jersey").isEqualTo(before);
    }

    /**
     * Sends the request to Jersey, then in front of it, and holds the second answer to the first: status, headers but
     * the date, body; the same {@code http.server.requests} series counted once each; the fast counter moved only by
     * the second, and only when {@code fast}.
     */
    private static void sameAnswerBothWays(String what, boolean fast, int status, Supplier<HttpRequest.Builder> request)
            throws Exception {
        Map<String, Long> series = series();
        double before = fastCalls();
        HttpResponse<String> jersey = send(request.get().header("Content-Type", JERSEY_ONLY));
        assertThat(fastCalls()).as(what + " through Jersey").isEqualTo(before);
        Map<String, Long> jerseyCounted = countedOnce(series);

        series = series();
        HttpResponse<String> front = send(request.get());
        assertThat(fastCalls())
                .as(what + (fast ? " in front of Jersey" : " left to Jersey"))
                .isEqualTo(before + (fast ? 1 : 0));
        Map<String, Long> frontCounted = countedOnce(series);

        assertThat(jersey.statusCode()).as(what + ": " + jersey.body()).isEqualTo(status);
        assertThat(front.statusCode()).as(what).isEqualTo(status);
        assertThat(headers(front)).as(what).isEqualTo(headers(jersey));
        assertThat(front.body()).as(what).isEqualTo(jersey.body());
        assertThat(frontCounted)
                .as(what + ": counted under the same route and tags")
                .isEqualTo(jerseyCounted);
        assertThat(jerseyCounted.values()).as(what).containsExactly(1L);
    }

    private static Supplier<HttpRequest.Builder> call(
            TestOrg org, Role role, String probeId, String nodeId, String control) {
        return signedIn(org, org.as(role), probeId, nodeId, control);
    }

    private static Supplier<HttpRequest.Builder> signedIn(
            TestOrg org, Sessions.NewSession session, String probeId, String nodeId, String control) {
        return () -> request(org, probeId, nodeId, control)
                .header("Cookie", "theme=dark; scope_session=" + session.cookieValue())
                .header("X-CSRF-Token", session.csrfToken())
                .header("Origin", app.base());
    }

    private static HttpRequest.Builder request(TestOrg org, String probeId, String nodeId, String control) {
        String path = "/api/app/" + org.externalId() + "/api/control/" + UiClient.encode(probeId) + "/"
                + UiClient.encode(nodeId) + "/" + UiClient.encode(control);
        return HttpRequest.newBuilder(URI.create(app.base() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> headers(HttpResponse<?> r) {
        Map<String, List<String>> h = new TreeMap<>(r.headers().map());
        h.remove("date");
        return h;
    }

    private static MeterRegistry meters() {
        return app.meters();
    }

    private static double fastCalls() {
        Counter c = meters().find("scope.control.fast.calls").counter();
        return c == null ? 0 : c.count();
    }

    /** Every series of the control route in Jersey's request timer, by its tags, with its count. */
    private static Map<String, Long> series() {
        Map<String, Long> all = new HashMap<>();
        for (Timer t : meters().find(OpsBundle.HTTP_REQUESTS).timers()) {
            all.put(t.getId().getTags().toString(), t.count());
        }
        return all;
    }

    /**
     * The series that moved since {@code before}, once one request has been counted: Jersey counts a request when it
     * finishes, which may be just after the client has its answer.
     */
    private static Map<String, Long> countedOnce(Map<String, Long> before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            Map<String, Long> moved = delta(before, series());
            long counted = moved.values().stream().mapToLong(Long::longValue).sum();
            if (counted >= 1 || System.nanoTime() > deadline) {
                return moved;
            }
            Thread.sleep(5);
        }
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> moved = new TreeMap<>();
        after.forEach((tags, count) -> {
            long d = count - before.getOrDefault(tags, 0L);
            if (d != 0) {
                moved.put(tags, d);
            }
        });
        return moved;
    }

    private static JsonNode awaitAudit(TestOrg org, int entries) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            HttpResponse<String> listed =
                    new UiClient(app.base(), org.externalId(), org.as(Role.ADMIN)).get("/api/control/audit");
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            JsonNode found = SimulatedProbe.JSON.readTree(listed.body()).get("entries");
            if (found.size() >= entries || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(20);
        }
    }

    private static SimulatedProbe connect(TestOrg org, String probeId, SimulatedProbe.Handler handler)
            throws Exception {
        SimulatedProbe probe = SimulatedProbe.connect(app.base(), org.token(), probeId, handler);
        registry.awaitAt(org.id(), probeId, app.base());
        return probe;
    }
}
