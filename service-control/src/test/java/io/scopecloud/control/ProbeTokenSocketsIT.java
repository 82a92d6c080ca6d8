package io.scopecloud.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scopecloud.control.probe.ProbeClaimDao;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.token.IssuedToken;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Probe sockets follow their token (docs/adr/0013), on two instances and a real PostgreSQL: revoking a token (or
 * rotating it) closes, with 1008, the control and pipe websockets it opened on every instance within
 * {@code tokenCacheTtl} (1 s here); a probe id belongs to the token that first claimed it.
 */
class ProbeTokenSocketsIT {
    private static final int POLICY_VIOLATION = 1008;
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private static TwoInstances control;
    private static ControlTestApp a;
    private static ControlTestApp b;
    private static Registry registry;
    private static Tenancy tenancy;
    private static TestOrg acme;

    @BeforeAll
    static void start() {
        control = TwoInstances.start();
        a = control.a();
        b = control.b();
        registry = control.registry();
        tenancy = control.tenancy();
        acme = TestOrg.create(tenancy, "Acme");
    }

    @AfterAll
    static void stop() {
        if (control != null) {
            control.close();
        }
    }

    @Test
    void revokingATokenClosesItsControlAndPipeSocketsOnEveryInstance() throws Exception {
        IssuedToken doomed = issue("doomed");
        IssuedToken kept = issue("kept");
        try (SimulatedProbe revoked = connect(a, doomed.secret(), "host-doomed");
                PipeEnd revokedPipe = probePipe(b, doomed.secret(), "pipe-doomed");
                SimulatedProbe other = connect(b, kept.secret(), "host-kept")) {
            assertThat(tenancy.probeTokens().revoke(acme.id(), doomed.token().id()))
                    .isTrue();

            assertThat(revoked.awaitClosed(WITHIN)).as("control socket on A").isTrue();
            assertThat(revoked.closeStatus).isEqualTo(POLICY_VIOLATION);
            assertThat(revokedPipe.awaitClosed(WITHIN)).as("pipe socket on B").isTrue();
            assertThat(revokedPipe.closeStatus).isEqualTo(POLICY_VIOLATION);
            assertThat(other.awaitClosed(Duration.ofSeconds(3)))
                    .as("another token's socket stays")
                    .isFalse();
        }
    }

    @Test
    void rotationClosesTheOldSecretsSocketsAndTheNewSecretTakesTheProbeIdOver() throws Exception {
        IssuedToken old = issue("rotated");
        try (SimulatedProbe before = connect(a, old.secret(), "host-rotated")) {
            IssuedToken rotated =
                    tenancy.probeTokens().rotate(acme.id(), old.token().id(), null);

            assertThat(before.awaitClosed(WITHIN)).isTrue();
            assertThat(before.closeStatus).isEqualTo(POLICY_VIOLATION);
            try (SimulatedProbe after = connect(b, rotated.secret(), "host-rotated")) {
                assertThat(after.awaitClosed(Duration.ofSeconds(3))).isFalse();
            }
        }
    }

    @Test
    void aProbeIdBelongsToTheTokenThatFirstClaimedIt() throws Exception {
        IssuedToken owner = issue("owner");
        IssuedToken intruder = issue("intruder");
        try (SimulatedProbe first = connect(a, owner.secret(), "host-claimed")) {
            assertThatThrownBy(() ->
                            SimulatedProbe.connect(b.base(), intruder.secret(), "host-claimed", SimulatedProbe.echo()))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause())
                                    .getResponse()
                                    .statusCode())
                            .isEqualTo(403));
            assertThat(first.awaitClosed(Duration.ofSeconds(2)))
                    .as("the claimant's connection is untouched")
                    .isFalse();
            try (SimulatedProbe again = connect(b, owner.secret(), "host-claimed")) {
                assertThat(first.awaitClosed(WITHIN))
                        .as("the same token reconnecting still wins")
                        .isTrue();
            }
        }
    }

    @Test
    void aGoneProbesClaimIsForgottenAfterTheRetentionAndAConnectedOnesNever() throws Exception {
        IssuedToken holder = issue("holder");
        IssuedToken newcomer = issue("newcomer");
        try (SimulatedProbe live = connect(a, holder.secret(), "host-live")) {
            connect(a, holder.secret(), "host-gone").close();
            registry.awaitGone(acme.id(), "host-gone");
            registry.backdateClaim(acme.id(), "host-live", Duration.ofDays(8));
            registry.backdateClaim(acme.id(), "host-gone", Duration.ofDays(8));

            int forgotten = tenancy.jdbi()
                    .onDemand(ProbeClaimDao.class)
                    .forgetGone(Duration.ofDays(7).toSeconds());

            assertThat(forgotten).isEqualTo(1);
            try (SimulatedProbe taken = connect(b, newcomer.secret(), "host-gone")) {
                assertThat(taken.awaitClosed(Duration.ofSeconds(1))).isFalse();
            }
            assertThatThrownBy(() ->
                            SimulatedProbe.connect(b.base(), newcomer.secret(), "host-live", SimulatedProbe.echo()))
                    .as("a connected probe's claim stays, however old")
                    .isInstanceOf(ExecutionException.class);
        }
    }

    private static IssuedToken issue(String name) {
        return tenancy.probeTokens().issue(acme.id(), name, null);
    }

    private static SimulatedProbe connect(ControlTestApp app, String token, String probeId) throws Exception {
        SimulatedProbe probe = SimulatedProbe.connect(app.base(), token, probeId, SimulatedProbe.echo());
        registry.awaitAt(acme.id(), probeId, app.base());
        return probe;
    }

    private static PipeEnd probePipe(ControlTestApp app, String token, String pipeId) throws Exception {
        return PipeEnd.open(
                app.base() + "/api/pipe/" + pipeId + "/probe",
                Map.of("Authorization", "Scope-Probe token=" + token, "X-Scope-Probe-ID", "host-doomed"));
    }
}
