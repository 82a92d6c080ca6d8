package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.web.HttpFrom.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 3: 20 wrong passwords for someone's email from one address used to make their
 * correct password answer 429 for 10 minutes from every address. Now the guesser is slowed down
 * and the owner, from another address, signs in.
 */
class SignInThrottleIT {
    private static PortalServer server;

    @BeforeAll
    static void start() throws Exception {
        // the default 5 free failures per address and email, then a first wait long enough that a
        // slow machine cannot let a guess through between two attempts
        server = new PortalServer(ConfigOverride.config("tenancy.signInFirstDelay", "1m"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void guessesFromOneAddressNeverLockTheOwnerOutFromAnother() {
        String email = PortalServer.email();
        PortalClient.signedUp(server.port(), email, null);
        HttpFrom attacker = new HttpFrom("127.0.0.2", server.port());
        HttpFrom owner = new HttpFrom("127.0.0.3", server.port());

        int wrong = 0;
        int throttled = 0;
        for (int i = 0; i < 25; i++) {
            Answer a = attacker.post("/api/login", credentials(email, "wrong guess number " + i), Map.of());
            if (a.status() == 401) {
                wrong++;
            } else {
                assertThat(a.status()).isEqualTo(429);
                assertThat(Long.parseLong(a.headers().get("retry-after"))).isPositive();
                assertThat(a.json().get("message").asText()).contains("try again in");
                throttled++;
            }
        }
        assertThat(wrong).isEqualTo(5);
        assertThat(throttled).isEqualTo(20);

        // the guesser learns nothing even with the right password while it must wait
        assertThat(attacker.post("/api/login", credentials(email, "correct horse battery"), Map.of())
                        .status())
                .isEqualTo(429);
        // nor by naming another address: forwarded-for headers are not trusted by default
        assertThat(attacker.post(
                                "/api/login",
                                credentials(email, "wrong again"),
                                Map.of("X-Forwarded-For", "127.0.0.9", "Forwarded", "for=127.0.0.9"))
                        .status())
                .isEqualTo(429);

        Answer signedIn = owner.post("/api/login", credentials(email, "correct horse battery"), Map.of());
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.headers().get("set-cookie")).startsWith("scope_session=");
    }

    private static Map<String, String> credentials(String email, String password) {
        return Map.of("email", email, "password", password);
    }
}
