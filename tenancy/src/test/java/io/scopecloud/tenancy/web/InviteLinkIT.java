package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invitation and account mail links point where people reach the service (issue 16, defect 1). */
class InviteLinkIT {
    @Test
    void withoutAPublicUrlALinkPointsWhereTheInvitingRequestCameTo() throws Exception {
        try (PortalServer server = new PortalServer(ConfigOverride.config("tenancy.publicUrl", ""))) {
            PortalClient alice = server.owner("Links Org");
            String link = alice.post("/api/orgs/" + PortalServer.orgOf(alice) + "/invites", Map.of("role", "member"))
                    .text("link");

            assertThat(link).startsWith("http://localhost:" + server.port() + "/invite/inv_");
            // The link works: whoever opens it signed in joins.
            String bobsEmail = PortalServer.email();
            PortalClient bob = PortalClient.signedUp(server.port(), bobsEmail, null);
            server.verify(bobsEmail); // invitations need a verified address
            String secret = link.substring(link.lastIndexOf('/') + 1);
            assertThat(bob.post("/api/invites/" + secret + "/accept", null).status())
                    .isEqualTo(200);
        }
    }

    @Test
    void withoutAPublicUrlAccountMailsLinkAndNameWhereTheRequestCameTo() throws Exception {
        try (PortalServer server = new PortalServer(ConfigOverride.config("tenancy.publicUrl", ""))) {
            String email = PortalServer.email();
            PortalClient.signedUp(server.port(), email, null);

            Mailbox.Received verification = Mailbox.await(server.mail, email, "Confirm your email");

            String site = "http://localhost:" + server.port() + "/";
            assertThat(verification.text()).contains(site + "verify-email#").contains("Scope Cloud at " + site);
            assertThat(verification.text()).doesNotContain("localhost:4040");
        }
    }

    @Test
    void aConfiguredPublicUrlWins() throws Exception {
        try (PortalServer server =
                new PortalServer(ConfigOverride.config("tenancy.publicUrl", "https://scope.example.com/"))) {
            PortalClient alice = server.owner("Links Org");
            String link = alice.post("/api/orgs/" + PortalServer.orgOf(alice) + "/invites", Map.of("role", "member"))
                    .text("link");

            assertThat(link).startsWith("https://scope.example.com/invite/inv_");
        }
    }
}
