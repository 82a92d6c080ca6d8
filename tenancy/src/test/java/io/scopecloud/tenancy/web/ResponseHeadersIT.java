package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 13: answers carrying secrets (the session and its CSRF token, a new probe token)
 * had no {@code Cache-Control: no-store}, and cookies were not Secure for an https deployment.
 */
class ResponseHeadersIT {
    @Test
    void portalAnswersAreNeverStored() throws Exception {
        try (PortalServer server = new PortalServer()) {
            String email = PortalServer.email();
            PortalClient alice = new PortalClient(server.port());
            Reply signedUp = alice.post(
                    "/api/signup", Map.of("email", email, "password", "correct horse battery", "orgName", "Cache Org"));
            Reply loggedIn = alice.login(email, "correct horse battery");
            Reply session = alice.get("/api/session");
            String org = PortalServer.orgOf(alice);
            Reply token = alice.post("/api/orgs/" + org + "/tokens", Map.of("name", "host"));
            Reply refused = server.anonymous().get("/api/orgs/" + org + "/members");

            for (Reply reply : new Reply[] {signedUp, loggedIn, session, token, refused}) {
                assertThat(reply.raw().headers().firstValue("Cache-Control"))
                        .as(reply.raw().request().uri() + " " + reply.status())
                        .hasValue("no-store");
            }
            assertThat(token.status()).isEqualTo(201);
            assertThat(signedUp.setCookie())
                    .hasValueSatisfying(c -> assertThat(c).doesNotContain("Secure"));
        }
    }

    @Test
    void cookiesAreSecureWhenThePublicUrlIsHttps() throws Exception {
        try (PortalServer server =
                new PortalServer(ConfigOverride.config("tenancy.publicUrl", "https://scope.example/"))) {
            Reply signedUp = server.anonymous()
                    .post("/api/signup", Map.of("email", PortalServer.email(), "password", "correct horse battery"));
            assertThat(signedUp.status()).isEqualTo(201);
            assertThat(signedUp.setCookie())
                    .hasValueSatisfying(c -> assertThat(c).contains("Secure"));
        }
    }
}
