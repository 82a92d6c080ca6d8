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

    /**
     * Issue 17 item 9 (the trade-off in ADR 0007): sign-up says 409 when an email has an account,
     * so probing emails through it costs the same per-address budget as signing up.
     */
    @Test
    void probingTakenEmailsThroughSignUpCountsAgainstTheSameLimit() throws Exception {
        try (PortalServer server = new PortalServer(ConfigOverride.config("tenancy.signUpsPerWindow", "2"))) {
            String taken = PortalServer.email();
            new HttpFrom("127.0.0.4", server.port())
                    .post("/api/signup", Map.of("email", taken, "password", "quiet lantern orbit"), Map.of());
            HttpFrom prober = new HttpFrom("127.0.0.5", server.port());
            Map<String, String> probe = Map.of("email", taken, "password", "quiet lantern orbit");
            assertThat(prober.post("/api/signup", probe, Map.of()).status()).isEqualTo(409);
            assertThat(prober.post("/api/signup", probe, Map.of()).status()).isEqualTo(409);
            HttpFrom.Answer limited = prober.post("/api/signup", probe, Map.of());
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.headers()).containsKey("retry-after");
        }
    }
}
