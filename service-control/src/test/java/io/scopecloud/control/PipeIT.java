package io.scopecloud.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.access.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pipes as Scope runs a shell: the probe answers host_exec with a pipe and dials its end, the UI
 * opens its end, bytes flow both ways, and the probe's delete closes both ends; also the idle rule,
 * the role a shell's pipe needs, another org's 404, and a pipe whose ends are on two instances.
 */
class PipeIT {
    private static TwoInstances control;
    private static ControlTestApp a;
    private static ControlTestApp b;
    private static Registry registry;
    private static TestOrg acme;
    private static TestOrg other;

    @BeforeAll
    static void start() {
        control = TwoInstances.start(
                ConfigOverride.config("control.pipeGcInterval", "100ms"),
                ConfigOverride.config("control.pipeIdleTimeout", "1500ms"));
        a = control.a();
        b = control.b();
        registry = control.registry();
        acme = TestOrg.create(control.tenancy(), "Acme");
        other = TestOrg.create(control.tenancy(), "Other");
    }

    @AfterAll
    static void stop() {
        if (control != null) {
            control.close();
        }
    }

    @Test
    void relaysAShellBetweenTheUiAndTheProbeAndClosesOnDelete() throws Exception {
        String pipeId = "pipe-5257780492410567311";
        PipeEnd[] probeEnd = new PipeEnd[1];
        try (SimulatedProbe probe = connect(a, "shell", shellOpener(a, pipeId, probeEnd))) {
            HttpResponse<String> opened = ui(a, Role.ADMIN).control("shell", "vm;<host>", "host_exec", null);
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
            JsonNode fixture =
                    SimulatedProbe.JSON.readTree(getClass().getResourceAsStream("/fixtures/03_host_exec.json"));
            assertThat(SimulatedProbe.JSON.readTree(opened.body())).isEqualTo(fixture);
            assertThat(ui(a, Role.ADMIN).get("/api/pipe/" + pipeId + "/check").statusCode())
                    .isEqualTo(204);

            try (PipeEnd uiEnd = uiEnd(a, acme, Role.ADMIN, pipeId)) {
                uiEnd.awaitText("user@vm:~# "); // written by the probe before the UI connected
                uiEnd.sendText("echo scope-pipe-test\n");
                probeEnd[0].awaitText("echo scope-pipe-test\n");
                probeEnd[0].sendBinary("x".repeat(3000).getBytes(StandardCharsets.UTF_8));
                uiEnd.awaitText("x".repeat(3000));
                assertThat(uiEnd.frameTypes).containsOnly("binary");
                assertThat(uiEnd.frameSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(1024));

                HttpResponse<String> deleted = probeDelete(a, pipeId);
                assertThat(deleted.statusCode()).isEqualTo(200);
                assertThat(deleted.body()).isEmpty();
                assertThat(uiEnd.awaitClosed(Duration.ofSeconds(5))).isTrue();
                assertThat(probeEnd[0].awaitClosed(Duration.ofSeconds(5))).isTrue();
            }
            assertThat(ui(a, Role.ADMIN).get("/api/pipe/" + pipeId + "/check").statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void aShellsPipeNeedsAnAdminAndAnotherOrgGets404() throws Exception {
        String pipeId = "pipe-42";
        PipeEnd[] probeEnd = new PipeEnd[1];
        try (SimulatedProbe probe = connect(a, "guarded", shellOpener(a, pipeId, probeEnd))) {
            assertThat(ui(a, Role.ADMIN)
                            .control("guarded", "vm;<host>", "host_exec", null)
                            .statusCode())
                    .isEqualTo(200);

            assertThat(handshakeStatus(() -> uiEnd(a, acme, Role.MEMBER, pipeId)))
                    .isEqualTo(403);
            assertThat(handshakeStatus(() -> uiEnd(a, other, Role.OWNER, pipeId)))
                    .isEqualTo(404);
            UiClient intruder = new UiClient(a.base(), acme.externalId(), other.as(Role.OWNER));
            assertThat(intruder.get("/api/pipe/" + pipeId + "/check").statusCode())
                    .isEqualTo(404);
            assertThat(new UiClient(a.base(), other.externalId(), other.as(Role.OWNER))
                            .delete("/api/pipe/" + pipeId)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(handshakeStatus(() -> uiEndFrom(a, Role.ADMIN, pipeId, "https://evil.example")))
                    .as("a shell opened from another site's page, with the admin's cookie")
                    .isEqualTo(403);
            HttpResponse<String> memberDelete = ui(a, Role.MEMBER).delete("/api/pipe/" + pipeId);
            assertThat(memberDelete.statusCode()).as(memberDelete.body()).isEqualTo(403);
            assertThat(memberDelete.body()).contains("needs the admin role");
            assertThat(ui(a, Role.MEMBER).post("/api/pipe/" + pipeId).statusCode())
                    .isEqualTo(403);
            assertThat(ui(a, Role.ADMIN).get("/api/pipe/" + pipeId + "/check").statusCode())
                    .as("a member's close changed nothing")
                    .isEqualTo(204);
            assertThat(ui(a, Role.ADMIN).delete("/api/pipe/" + pipeId).statusCode())
                    .isEqualTo(200);
            assertThat(ui(a, Role.ADMIN).get("/api/pipe/" + pipeId + "/check").statusCode())
                    .isEqualTo(404);
        } finally {
            probeDelete(a, pipeId);
        }
    }

    @Test
    void closesAPipeWhoseUiNeverCameAfterTheIdleTime() throws Exception {
        try (PipeEnd probeEnd = probeEnd(a, "pipe-lonely")) {
            assertThat(probeCheck(a, "pipe-lonely").statusCode()).isEqualTo(204);
            assertThat(probeEnd.awaitClosed(Duration.ofSeconds(10))).isTrue();
            assertThat(probeCheck(a, "pipe-lonely").statusCode()).isEqualTo(404);
            assertThat(handshakeStatus(() -> probeEnd(a, "pipe-lonely"))).isEqualTo(404);
        }
    }

    @Test
    void relaysBetweenEndsOnTwoInstances() throws Exception {
        String pipeId = "pipe-across";
        PipeEnd[] probeEnd = new PipeEnd[1];
        // The probe holds its control connection and its pipe end on A; the UI comes through B.
        try (SimulatedProbe probe = connect(a, "far", shellOpener(a, pipeId, probeEnd))) {
            assertThat(ui(b, Role.ADMIN)
                            .control("far", "vm;<host>", "host_exec", null)
                            .statusCode())
                    .isEqualTo(200);
            try (PipeEnd uiEnd = uiEnd(b, acme, Role.ADMIN, pipeId)) {
                uiEnd.awaitText("user@vm:~# ");
                uiEnd.sendBinary("ls\n".getBytes(StandardCharsets.UTF_8));
                probeEnd[0].awaitText("ls\n");
                probeEnd[0].sendText("bin etc\r\n");
                uiEnd.awaitText("bin etc\r\n");

                assertThat(ui(a, Role.ADMIN).delete("/api/pipe/" + pipeId).statusCode())
                        .isEqualTo(200);
                assertThat(uiEnd.awaitClosed(Duration.ofSeconds(5))).isTrue();
                assertThat(probeEnd[0].awaitClosed(Duration.ofSeconds(5))).isTrue();
            }
        }
    }

    /** A probe whose host_exec opens a pipe as Scope's does: dial the pipe, write a prompt, answer. */
    private static SimulatedProbe.Handler shellOpener(ControlTestApp at, String pipeId, PipeEnd[] end) {
        return request -> {
            try {
                end[0] = probeEnd(at, pipeId);
                end[0].sendBinary("user@vm:~# ".getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return CompletableFuture.completedFuture(SimulatedProbe.JSON
                    .createObjectNode()
                    .put("pipe", pipeId)
                    .put("raw_tty", true)
                    .put("resize_tty_control", "host_resize_exec_tty"));
        };
    }

    private static PipeEnd probeEnd(ControlTestApp at, String pipeId) throws Exception {
        return PipeEnd.open(
                at.base() + "/api/pipe/" + pipeId + "/probe",
                Map.of("Authorization", "Scope-Probe token=" + acme.token(), "X-Scope-Probe-ID", "shell"));
    }

    private static PipeEnd uiEnd(ControlTestApp at, TestOrg org, Role role, String pipeId) throws Exception {
        UiClient client = new UiClient(at.base(), org.externalId(), org.as(role));
        return PipeEnd.open(
                at.base() + "/api/app/" + acme.externalId() + "/api/pipe/" + pipeId, Map.of("Cookie", client.cookie()));
    }

    private static PipeEnd uiEndFrom(ControlTestApp at, Role role, String pipeId, String origin) throws Exception {
        UiClient client = new UiClient(at.base(), acme.externalId(), acme.as(role));
        return PipeEnd.open(
                at.base() + "/api/app/" + acme.externalId() + "/api/pipe/" + pipeId,
                Map.of("Cookie", client.cookie(), "Origin", origin));
    }

    private static HttpResponse<String> probeDelete(ControlTestApp at, String pipeId) {
        return UiClient.send(HttpRequest.newBuilder(URI.create(at.base() + "/api/pipe/" + pipeId))
                .header("Authorization", "Scope-Probe token=" + acme.token())
                .DELETE()
                .build());
    }

    private static HttpResponse<String> probeCheck(ControlTestApp at, String pipeId) {
        return UiClient.send(HttpRequest.newBuilder(URI.create(at.base() + "/api/pipe/" + pipeId + "/check"))
                .header("Authorization", "Scope-Probe token=" + acme.token())
                .GET()
                .build());
    }

    private interface Opener {
        PipeEnd open() throws Exception;
    }

    private static int handshakeStatus(Opener opener) {
        try (PipeEnd end = opener.open()) {
            return 101;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return handshake.getResponse().statusCode();
            }
            throw new AssertionError(e);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static SimulatedProbe connect(ControlTestApp app, String probeId, SimulatedProbe.Handler handler)
            throws Exception {
        SimulatedProbe probe = SimulatedProbe.connect(app.base(), acme.token(), probeId, handler);
        registry.awaitAt(acme.id(), probeId, app.base());
        return probe;
    }

    private static UiClient ui(ControlTestApp app, Role role) {
        return new UiClient(app.base(), acme.externalId(), acme.as(role));
    }
}
