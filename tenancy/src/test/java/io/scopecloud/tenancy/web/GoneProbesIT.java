package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gone probes pile up no more (issue 16, defect 7): an admin forgets one; a probe still reporting stays. */
class GoneProbesIT {
    private static PortalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PortalServer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAdminForgetsAGoneProbeButNotOneStillReporting() {
        PortalClient owner = server.owner("Probes Org");
        String org = PortalServer.orgOf(owner);
        UUID orgId = orgId(org);
        Tenancy tenancy = server.tenancy();
        tenancy.probes()
                .seen(orgId, "gone-probe", "old-host", "1.13", Instant.now().minus(Duration.ofHours(2)));
        tenancy.probes().seen(orgId, "live-probe", "busy-host", "1.13", Instant.now());
        PortalClient member = server.joined(owner, org, "member");

        assertThat(member.send("DELETE", "/api/orgs/" + org + "/probes/gone-probe", null)
                        .status())
                .as("members may not")
                .isEqualTo(403);
        Reply live = owner.send("DELETE", "/api/orgs/" + org + "/probes/live-probe", null);
        assertThat(live.status()).isEqualTo(409);
        assertThat(live.text("message")).contains("still reports");
        assertThat(owner.send("DELETE", "/api/orgs/" + org + "/probes/never-seen", null)
                        .status())
                .isEqualTo(404);
        assertThat(owner.send("DELETE", "/api/orgs/" + org + "/probes/gone-probe", null)
                        .status())
                .isEqualTo(204);

        String listed = owner.get("/api/orgs/" + org + "/probes").body();
        assertThat(listed).contains("live-probe").doesNotContain("gone-probe");
    }

    @Test
    void anotherOrgsAdminCannotForgetThisOrgsProbe() {
        PortalClient owner = server.owner("Own Org");
        String org = PortalServer.orgOf(owner);
        server.tenancy()
                .probes()
                .seen(orgId(org), "mine", "host", "1.13", Instant.now().minus(Duration.ofHours(2)));
        PortalClient stranger = server.owner("Stranger Org");

        assertThat(stranger.send("DELETE", "/api/orgs/" + org + "/probes/mine", null)
                        .status())
                .isEqualTo(404);
        assertThat(owner.get("/api/orgs/" + org + "/probes").body()).contains("mine");
    }

    private static UUID orgId(String externalId) {
        return server.tenancy().orgs().findByExternalId(externalId).map(Org::id).orElseThrow();
    }
}
