package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import org.junit.jupiter.api.Test;

/** Password guessing and sign-up floods from one address are cut off with 429 and Retry-After. */
class RateLimitIT {
    @Test
    void limitsSignInAttemptsAndSignUps() throws Exception {
        try (PortalServer server = new PortalServer(
                ConfigOverride.config("tenancy.signInsPerWindow", "3"),
                ConfigOverride.config("tenancy.signUpsPerWindow", "2"))) {
            String email = PortalServer.email();
            PortalClient.signedUp(server.port(), email, null);
            PortalClient.signedUp(server.port(), PortalServer.email(), null);
            Reply third = server.anonymous()
                    .post(
                            "/api/signup",
                            java.util.Map.of("email", PortalServer.email(), "password", "quiet lantern orbit"));
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.raw().headers().firstValue("Retry-After")).isPresent();

            for (int i = 0; i < 3; i++) {
                assertThat(server.anonymous().login(email, "wrong password").status())
                        .isEqualTo(401);
            }
            Reply blocked = server.anonymous().login(email, "correct horse battery");
            assertThat(blocked.status()).isEqualTo(429);
            assertThat(blocked.text("message")).contains("try again");
        }
    }
}
