package io.scopecloud.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.access.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two control instances on one PostgreSQL, probes connected to each: a UI call arriving at either
 * reaches the probe wherever it is, follows it when it reconnects to the other instance, and fails
 * clearly and promptly when it dies there.
 */
class ControlRoutingIT {
    private static TwoInstances control;
    private static ControlTestApp a;
    private static ControlTestApp b;
    private static Registry registry;
    private static TestOrg acme;
    private static TestOrg other;

    @BeforeAll
    static void start() {
        control = TwoInstances.start(ConfigOverride.config("control.callTimeout", "1500ms"));
        a = control.a();
        b = control.b();
        registry = control.registry();
        acme = TestOrg.create(control.tenancy(), "Acme");
        other = TestOrg.create(control.tenancy(), "Other");
        try {
            a.awaitHearingRegistryNotices();
            b.awaitHearingRegistryNotices();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (control != null) {
            control.close();
        }
    }

    @Test
    void aCallArrivingAtEitherInstanceReachesTheProbeWhereverItIs() throws Exception {
        try (SimulatedProbe onA = connect(a, "on-a", SimulatedProbe.echo());
                SimulatedProbe onB = connect(b, "on-b", SimulatedProbe.echo())) {
            for (ControlTestApp entry : new ControlTestApp[] {a, b}) {
                for (String probe : new String[] {"on-a", "on-b"}) {
                    HttpResponse<String> response =
                            ui(entry, acme).control(probe, probe + ";<host>", "docker_stop_container", "{\"x\":\"y\"}");
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    assertThat(json(response).get("value").get("NodeID").asText())
                            .isEqualTo(probe + ";<host>");
                }
            }
            assertThat(onA.received).hasSize(4);
            assertThat(onB.received).hasSize(4);
        }
    }

    @Test
    void followsAProbeThatReconnectsToTheOtherInstance() throws Exception {
        SimulatedProbe first = connect(a, "mover", SimulatedProbe.echo());
        assertThat(ui(b, acme).control("mover", "n", "c", null).statusCode()).isEqualTo(200);

        // The probe reconnects to B while its old connection to A still looks open: B wins, A drops it.
        try (SimulatedProbe second = connect(b, "mover", SimulatedProbe.echo())) {
            assertThat(first.awaitClosed(Duration.ofSeconds(5))).isTrue();
            for (ControlTestApp entry : new ControlTestApp[] {a, b}) {
                assertThat(ui(entry, acme).control("mover", "n", "c", null).statusCode())
                        .isEqualTo(200);
            }
            assertThat(second.received).hasSize(4);
            assertThat(first.received).hasSize(2);

            // And back to A after B's connection died.
            second.kill();
            registry.awaitGone(acme.id(), "mover");
            try (SimulatedProbe third = connect(a, "mover", SimulatedProbe.echo())) {
                assertThat(ui(b, acme).control("mover", "n", "c", null).statusCode())
                        .isEqualTo(200);
                assertThat(third.received).hasSize(2);
            }
        }
    }

    @Test
    void failsPromptlyWhenTheProbeDiesMidCallOnTheOtherInstance() throws Exception {
        SimulatedProbe[] self = new SimulatedProbe[1];
        self[0] = connect(a, "fragile", request -> {
            CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(() -> self[0].kill());
            return new CompletableFuture<>();
        });
        long started = System.nanoTime();
        HttpResponse<String> response = ui(b, acme).control("fragile", "n", "c", null);

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(json(response).asText()).contains("disconnected");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
    }

    @Test
    void answers504ThroughTheOtherInstanceWhenTheProbeIsSilent() throws Exception {
        try (SimulatedProbe mute = connect(a, "mute", request -> new CompletableFuture<>())) {
            HttpResponse<String> response = ui(b, acme).control("mute", "n", "c", null);
            assertThat(response.statusCode()).isEqualTo(504);
        }
    }

    @Test
    void anotherOrgGets404AtEitherInstance() throws Exception {
        try (SimulatedProbe probe = connect(a, "secret-probe", SimulatedProbe.echo())) {
            for (ControlTestApp entry : new ControlTestApp[] {a, b}) {
                UiClient intruder = new UiClient(entry.base(), acme.externalId(), other.as(Role.OWNER));
                assertThat(intruder.control("secret-probe", "n", "c", null).statusCode())
                        .isEqualTo(404);
            }
            assertThat(probe.received).isEmpty();
        }
    }

    @Test
    void aProbeConnectingToTheOtherInstanceRightAfterANotConnectedAnswerIsReachedAtOnce() throws Exception {
        for (int round = 0; round < 6; round++) {
            String id = "late-" + round;
            ControlTestApp asked = round % 2 == 0 ? a : b;
            ControlTestApp holder = round % 2 == 0 ? b : a;
            for (int i = 0; i < 3; i++) { // "nowhere" is remembered from the first answer on
                assertNotConnected(ui(asked, acme).control(id, "n", "c", null), id);
            }
            try (SimulatedProbe probe = connect(holder, id, SimulatedProbe.echo())) {
                HttpResponse<String> reached = ui(asked, acme).control(id, "n", "c", null);
                assertThat(reached.statusCode())
                        .as("the first call after the probe was recorded at the other instance: " + reached.body())
                        .isEqualTo(200);
                assertThat(probe.received).hasSize(2);
            }
            registry.awaitGone(acme.id(), id);
            assertNotConnected(ui(asked, acme).control(id, "n", "c", null), id);
        }
    }

    @Test
    void aProbeThatMovesIsFollowedFromBothInstancesAtOnce() throws Exception {
        try (SimulatedProbe onB = connect(b, "hopper", SimulatedProbe.echo())) {
            for (ControlTestApp entry : new ControlTestApp[] {a, b}) { // A remembers it at B
                assertThat(ui(entry, acme).control("hopper", "n", "c", null).statusCode())
                        .isEqualTo(200);
            }
            onB.kill();
            registry.awaitGone(acme.id(), "hopper");
            for (ControlTestApp entry : new ControlTestApp[] {a, b}) { // both remember it nowhere
                assertNotConnected(ui(entry, acme).control("hopper", "n", "c", null), "hopper");
            }
            try (SimulatedProbe onA = connect(a, "hopper", SimulatedProbe.echo())) {
                for (ControlTestApp entry : new ControlTestApp[] {b, a}) {
                    assertThat(ui(entry, acme).control("hopper", "n", "c", null).statusCode())
                            .isEqualTo(200);
                }
                assertThat(onA.received).hasSize(4);
            }
        }
    }

    @Test
    void whileTheRegistrysNoticesAreNotHeardEveryCallReadsTheRegistry() throws Exception {
        assertNotConnected(ui(a, acme).control("unheard", "n", "c", null), "unheard"); // remembered as nowhere
        assertThat(registry.terminateListeners())
                .as("both instances' listening connections")
                .isEqualTo(2);
        // Connected while A may miss the notice: A forgot everything when its connection dropped.
        try (SimulatedProbe probe = connect(b, "unheard", SimulatedProbe.echo())) {
            HttpResponse<String> reached = ui(a, acme).control("unheard", "n", "c", null);
            assertThat(reached.statusCode()).as(reached.body()).isEqualTo(200);
            assertThat(probe.received).hasSize(2);

            a.awaitHearingRegistryNotices();
            b.awaitHearingRegistryNotices();
        }
        registry.awaitGone(acme.id(), "unheard");
        assertNotConnected(ui(a, acme).control("unheard", "n", "c", null), "unheard");
        try (SimulatedProbe again = connect(b, "unheard", SimulatedProbe.echo())) {
            assertThat(ui(a, acme).control("unheard", "n", "c", null).statusCode())
                    .as("notices heard again after the listeners reconnected")
                    .isEqualTo(200);
            assertThat(again.received).hasSize(2);
        }
    }

    @Test
    void hidesTheInternalApiWithoutTheSharedSecret() {
        String path = "/internal/control/" + acme.id() + "/p";
        for (String secret : new String[] {null, "wrong", "integration-test-secreT"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(a.base() + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"version\":1,\"nodeId\":\"n\",\"control\":\"c\",\"timeoutMs\":100}"));
            if (secret != null) {
                request.header("X-Scope-Control-Secret", secret);
            }
            assertThat(UiClient.send(request.build()).statusCode()).isEqualTo(404);
        }
    }

    private static SimulatedProbe connect(ControlTestApp app, String probeId, SimulatedProbe.Handler handler)
            throws Exception {
        SimulatedProbe probe = SimulatedProbe.connect(app.base(), acme.token(), probeId, handler);
        registry.awaitAt(acme.id(), probeId, app.base());
        return probe;
    }

    private static void assertNotConnected(HttpResponse<String> response, String probeId) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).asText()).isEqualTo("probe " + probeId + " is not connected right now");
    }

    private static UiClient ui(ControlTestApp app, TestOrg org) {
        return new UiClient(app.base(), org.externalId(), org.as(Role.MEMBER));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return SimulatedProbe.JSON.readTree(response.body());
    }
}
