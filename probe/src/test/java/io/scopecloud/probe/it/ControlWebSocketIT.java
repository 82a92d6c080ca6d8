package io.scopecloud.probe.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.probe.control.ControlLink;
import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.control.ControlServer;
import io.scopecloud.probe.control.JdkWebSocketControlLink;
import io.scopecloud.probe.net.Backoff;
import io.scopecloud.probe.net.ProbeIdentity;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control connection over a real websocket: the JDK client against a Jetty 12 server playing Scope's app. */
class ControlWebSocketIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProbeIdentity IDENTITY = new ProbeIdentity("good-token", "3b0a37194325fdbc", "0.1.0");

    private FakeScopeApp app;
    private final ControlRegistry registry = new ControlRegistry();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final HttpClient http = HttpClient.newHttpClient();
    private ControlServer server;

    @BeforeEach
    void startApp() throws Exception {
        app = new FakeScopeApp("good-token");
    }

    @AfterEach
    void stopAll() throws Exception {
        if (server != null) {
            server.close();
        }
        workers.shutdownNow();
        timer.shutdownNow();
        app.stop();
    }

    private void startProbe(ProbeIdentity identity, Duration pingPeriod, Duration readDeadline) {
        server = new ControlServer(
                new JdkWebSocketControlLink(http, app.url(), identity),
                registry,
                workers,
                timer,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 0.3, Math::random),
                System::nanoTime,
                pingPeriod,
                readDeadline);
        server.start();
    }

    @Test
    void dialsWithTheProbesHeadersAndAnswersInTwoFrames() throws Exception {
        registry.register(
                "testplugin~ping",
                request -> new ControlResponse(
                        JSON.getNodeFactory().textNode("pong for " + request.nodeId()), null, null, false, null, null));
        startProbe(IDENTITY, Duration.ofSeconds(30), Duration.ofSeconds(60));
        FakeScopeApp.ProbeConnection probe = app.nextConnection();

        Map<String, String> headers = app.upgradeHeaders.poll(5, TimeUnit.SECONDS);
        assertThat(headers)
                .containsEntry("Authorization", "Scope-Probe token=good-token")
                .containsEntry("X-Scope-Probe-ID", "3b0a37194325fdbc")
                .containsEntry("X-Scope-Probe-Version", "0.1.0")
                .containsEntry("User-Agent", "Scope_Probe/0.1.0");

        probe.call(7, "testplugin~ping", "vm;<host>");

        assertThat(probe.next())
                .isEqualTo(
                        "{\"Request\":null,\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":7,\"Error\":\"\"},"
                                + "\"Value\":null}");
        assertThat(probe.next())
                .isEqualTo("{\"Request\":null,\"Response\":null,\"Value\":{\"value\":\"pong for vm;<host>\"}}");
    }

    @Test
    void answersUnknownControlsAndConcurrentCallsOutOfOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        registry.register("slow", request -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ControlResponse.empty();
        });
        startProbe(IDENTITY, Duration.ofSeconds(30), Duration.ofSeconds(60));
        FakeScopeApp.ProbeConnection probe = app.nextConnection();

        probe.call(1, "slow", "n1");
        probe.call(2, "docker_stop_container", "abc;<container>");

        assertThat(JSON.readTree(probe.next()).get("Response").get("Seq").asLong())
                .isEqualTo(2);
        assertThat(probe.next())
                .isEqualTo("{\"Request\":null,\"Response\":null,\"Value\":"
                        + "{\"error\":\"Control \\\"docker_stop_container\\\" not recognised\"}}");
        release.countDown();
        assertThat(JSON.readTree(probe.next()).get("Response").get("Seq").asLong())
                .isEqualTo(1);
        assertThat(probe.next()).isEqualTo("{\"Request\":null,\"Response\":null,\"Value\":{}}");
    }

    @Test
    void reconnectsAfterTheAppHangsUp() throws Exception {
        registry.register("ping", request -> ControlResponse.empty());
        startProbe(IDENTITY, Duration.ofSeconds(30), Duration.ofSeconds(60));
        FakeScopeApp.ProbeConnection first = app.nextConnection();

        first.hangUp();
        FakeScopeApp.ProbeConnection second = app.nextConnection();
        second.call(3, "ping", "n");

        assertThat(JSON.readTree(second.next()).get("Response").get("Seq").asLong())
                .isEqualTo(3);
    }

    @Test
    void keepsAQuietConnectionAliveWithPings() throws Exception {
        startProbe(IDENTITY, Duration.ofMillis(200), Duration.ofMillis(1_500));
        FakeScopeApp.ProbeConnection probe = app.nextConnection();

        Thread.sleep(4_000); // several read deadlines, each extended by the app's pongs

        assertThat(probe.closed).isFalse();
        assertThat(app.connections).isEmpty();
        assertThat(server.isConnected()).isTrue();
    }

    @Test
    void aRefusedTokenIsAHandshakeRejectionWithTheStatus() {
        JdkWebSocketControlLink link =
                new JdkWebSocketControlLink(http, app.url(), new ProbeIdentity("bad-token", "1", "0.1.0"));

        assertThatThrownBy(() -> link.open(new ControlLink.Listener() {
                    @Override
                    public void onOpen(ControlLink.Session session) {}

                    @Override
                    public void onText(String text) {}

                    @Override
                    public void onPong() {}

                    @Override
                    public void onClosed(String reason) {}
                }))
                .isInstanceOf(ControlLink.HandshakeRejectedException.class)
                .satisfies(e -> assertThat(((ControlLink.HandshakeRejectedException) e).status())
                        .isEqualTo(401));
    }
}
