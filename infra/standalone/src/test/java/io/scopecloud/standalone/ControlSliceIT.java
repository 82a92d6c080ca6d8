package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.session.Sessions;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Controls in the standalone install, end to end on a real PostgreSQL and Kafka: a UI control
 * call reaches a probe on the control websocket, which runs its plugin's control and publishes
 * the plugin's shortcut report as Scope's probe does; the change reaches an open topology
 * websocket at once, long before its next periodic render. The control service's websockets
 * share the Jetty context with the query service's.
 */
class ControlSliceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PROBE_ID = "3b0a37194325fdbc";

    private static DropwizardTestSupport<StandaloneConfiguration> app;
    private static ServiceClient client;
    private static Org org;
    private static String token;
    private static Sessions.NewSession member;
    private static Org otherOrg;
    private static Sessions.NewSession outsider;

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        app = new DropwizardTestSupport<>(
                StandaloneApplication.class,
                ResourceHelpers.resourceFilePath("standalone-it.yml"),
                ConfigOverride.config("database.url", db.jdbcUrl()),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config("database.password", db.password()),
                ConfigOverride.config("kafka.bootstrapServers", infra.bootstrapServers()),
                ConfigOverride.config("kafka.reportsTopic", infra.newTopicName("reports")),
                ConfigOverride.config("kafka.reportsPartitions", "1"),
                ConfigOverride.config("query.consumerGroup", infra.newTopicName("query")));
        app.before();
        client = new ServiceClient(app.getLocalPort());
        Tenancy tenancy =
                new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
        org = tenancy.orgs().create("Controls");
        token = tenancy.probeTokens().issue(org.id(), "probe", null).secret();
        member = person(tenancy, org, Role.MEMBER);
        otherOrg = tenancy.orgs().create("Elsewhere");
        outsider = person(tenancy, otherOrg, Role.OWNER);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.after();
        }
    }

    @Test
    void aPluginControlsShortcutReportReachesTheTopologyWebsocketAtOnce() throws Exception {
        assertThat(client.postReport(
                                token,
                                "application/json",
                                "gzip",
                                ServiceClient.gzip(ReportSliceIT.fixture("report-004.json")))
                        .statusCode())
                .isEqualTo(200);
        client.awaitGet(
                "/api/app/" + org.externalId() + "/api/topology/hosts",
                token,
                r -> r.statusCode() == 200 && r.body().contains("vm;<host>"),
                Duration.ofSeconds(30));

        // A UI watching the hosts view, re-rendered only every 30 s unless something wakes it.
        List<String> messages = new CopyOnWriteArrayList<>();
        WebSocket view = HTTP.newWebSocketBuilder()
                .header("Cookie", "scope_session=" + member.cookieValue())
                .buildAsync(
                        URI.create("ws://localhost:" + app.getLocalPort() + "/api/app/" + org.externalId()
                                + "/api/topology/hosts/ws?t=30s"),
                        collector(messages))
                .get(10, TimeUnit.SECONDS);
        await(() -> !messages.isEmpty(), Duration.ofSeconds(10), "the first topology message");

        // The probe: its iowait plugin's control answers with a shortcut report, which the probe
        // publishes on its own (scope-contract §5) before answering the call.
        ControlProbe probe = ControlProbe.connect(app.getLocalPort(), token, PROBE_ID, request -> {
            assertThat(request.get("Control").asText()).isEqualTo("iowait~switchToIOWait");
            assertThat(client.postReport(token, "application/json", null, shortcutReport())
                            .statusCode())
                    .isEqualTo(200);
            return JSON.createObjectNode();
        });
        try {
            awaitProbe();
            long sent = System.nanoTime();
            HttpResponse<String> answer = control(member, org, "iowait~switchToIOWait");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{}");

            await(
                    () -> messages.stream().anyMatch(m -> m.contains("newhost")),
                    Duration.ofSeconds(10),
                    "the shortcut's node on the topology websocket");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(10));
        } finally {
            probe.close();
            view.abort();
        }
    }

    @Test
    void anotherOrgsMemberGets404AndNeverReachesTheProbe() throws Exception {
        ControlProbe probe = ControlProbe.connect(app.getLocalPort(), token, "private-probe", request -> {
            throw new AssertionError("the probe must not be reached");
        });
        try {
            HttpResponse<String> answer = control(outsider, org, "private-probe", "docker_stop_container");
            assertThat(answer.statusCode()).isEqualTo(404);
        } finally {
            probe.close();
        }
    }

    /** Retries a control until the probe's connection is registered. */
    private static void awaitProbe() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> last = control(member, org, "probe_ready_check");
        while (last.statusCode() == 400 && last.body().contains("not connected")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("probe never connected: " + last.body());
            }
            Thread.sleep(50);
            last = control(member, org, "probe_ready_check");
        }
    }

    private static HttpResponse<String> control(Sessions.NewSession who, Org target, String control) {
        return control(who, target, PROBE_ID, control);
    }

    private static HttpResponse<String> control(Sessions.NewSession who, Org target, String probeId, String control) {
        // The node id as the UI's encodeURIComponent sends "vm;<host>".
        String path = "/api/app/" + target.externalId() + "/api/control/" + probeId + "/vm%3B%3Chost%3E/" + control;
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Cookie", "scope_session=" + who.cookieValue())
                .header("X-CSRF-Token", who.csrfToken())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the plugin's shortcut report adds: a new host, visible in the hosts view. */
    private static byte[] shortcutReport() {
        String now = Instant.now().toString();
        return ("{\"Shortcut\":true,\"Window\":0,\"Host\":{\"nodes\":{\"newhost;<host>\":{\"id\":\"newhost;<host>\","
                        + "\"topology\":\"host\",\"latest\":{\"host_name\":{\"timestamp\":\"" + now
                        + "\",\"value\":\"newhost\"},\"control_probe_id\":{\"timestamp\":\"" + now + "\",\"value\":\""
                        + PROBE_ID + "\"}}}}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Sessions.NewSession person(Tenancy tenancy, Org target, Role role) {
        UUID user = UUID.randomUUID();
        tenancy.jdbi()
                .useHandle(h -> h.execute(
                        "INSERT INTO users (id, email) VALUES (?, ?)", user, role.id() + "-" + user + "@example.com"));
        tenancy.members().add(target.id(), user, role);
        return tenancy.sessions().start(user);
    }

    private static WebSocket.Listener collector(List<String> messages) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }
        };
    }

    private static void await(java.util.function.BooleanSupplier done, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A probe's control connection in Scope's framing (scope-contract §3), answering synchronously. */
    private static final class ControlProbe implements WebSocket.Listener {
        private final java.util.function.Function<JsonNode, JsonNode> handler;
        private final StringBuilder partial = new StringBuilder();
        private String pendingSeq;
        private WebSocket webSocket;

        private ControlProbe(java.util.function.Function<JsonNode, JsonNode> handler) {
            this.handler = handler;
        }

        static ControlProbe connect(
                int port, String token, String probeId, java.util.function.Function<JsonNode, JsonNode> handler)
                throws Exception {
            ControlProbe probe = new ControlProbe(handler);
            probe.webSocket = HTTP.newWebSocketBuilder()
                    .header("Authorization", "Scope-Probe token=" + token)
                    .header("X-Scope-Probe-ID", probeId)
                    .buildAsync(URI.create("ws://localhost:" + port + "/api/control/ws"), probe)
                    .get(10, TimeUnit.SECONDS);
            return probe;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode frame = JSON.readTree(text);
                    if (pendingSeq == null) {
                        pendingSeq = frame.get("Request").get("Seq").asText();
                    } else {
                        String seq = pendingSeq;
                        pendingSeq = null;
                        JsonNode request = frame.get("Value");
                        CompletableFuture.runAsync(() -> answer(seq, request));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            ws.request(1);
            return null;
        }

        private void answer(String seq, JsonNode request) {
            JsonNode response = request.get("Control").asText().equals("probe_ready_check")
                    ? JSON.createObjectNode().put("error", "Control \"probe_ready_check\" not recognised")
                    : handler.apply(request);
            synchronized (this) {
                webSocket
                        .sendText(
                                "{\"Request\":null,\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":" + seq
                                        + ",\"Error\":\"\"},\"Value\":null}",
                                true)
                        .join();
                webSocket
                        .sendText("{\"Request\":null,\"Response\":null,\"Value\":" + response + "}", true)
                        .join();
            }
        }

        void close() {
            webSocket.abort();
        }
    }
}
