package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sign-up floods from one address are cut off with 429 and Retry-After. */
class RateLimitIT {
    @Test
    void limitsSignUpsPerAddress() throws Exception {
        try (PortalServer server = new PortalServer(ConfigOverride.config("tenancy.signUpsPerWindow", "2"))) {
            PortalClient.signedUp(server.port(), PortalServer.email(), null);
            PortalClient.signedUp(server.port(), PortalServer.email(), null);
            Reply third = server.anonymous()
                    .post("/api/signup", Map.of("email", PortalServer.email(), "password", "quiet lantern orbit"));
            assertThat(third.status()).isEqualTo(429);
            assertThat(third.raw().headers().firstValue("Retry-After")).isPresent();
            assertThat(third.text("message")).contains("try again");
        }
    }
}
