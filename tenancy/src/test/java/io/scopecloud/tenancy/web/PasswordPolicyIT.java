package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.account.Passwords;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 7 through the portal: weak passwords get a 422 that says what to do, passwords
 * are compared in their NFKC form, and accounts whose hash predates normalisation still sign in.
 */
class PasswordPolicyIT {
    private static PortalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PortalServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void signUpAndPasswordChangeRefuseWeakPasswordsWithAMessage() {
        for (String weak : new String[] {"aaaaaaaaaa", "          ", "\0".repeat(10), "password1234"}) {
            Reply refused =
                    server.anonymous().post("/api/signup", Map.of("email", PortalServer.email(), "password", weak));
            assertThat(refused.status()).as(weak).isEqualTo(422);
            assertThat(refused.text("message")).as(weak).containsAnyOf("too easy to guess", "control characters");
        }
        PortalClient alice = PortalClient.signedUp(server.port(), PortalServer.email(), null);
        Reply change = alice.post(
                "/api/session/password",
                Map.of("currentPassword", "correct horse battery", "newPassword", "qwertyuiop123"));
        assertThat(change.status()).isEqualTo(422);
        assertThat(change.text("message")).contains("too easy to guess");
    }

    @Test
    void aPasswordTypedComposedOrDecomposedIsTheSame() {
        String email = PortalServer.email();
        Reply signedUp =
                server.anonymous().post("/api/signup", Map.of("email", email, "password", "cafe\u0301 lantern orbit"));
        assertThat(signedUp.status()).isEqualTo(201);
        assertThat(server.anonymous().login(email, "caf\u00e9 lantern orbit").status())
                .isEqualTo(200);
    }

    @Test
    void anAccountHashedBeforeNormalisationStillSignsInAndIsRehashed() {
        String email = PortalServer.email();
        PortalClient.signedUp(server.port(), email, null);
        String typed = "\uFF51\uFF55\uFF49\uFF45\uFF54 lantern orbit"; // full-width "quiet"
        server.jdbi.useHandle(h -> h.createUpdate("UPDATE users SET password_hash = :hash WHERE email = :email")
                .bind("hash", Passwords.hash(typed))
                .bind("email", email)
                .execute());

        assertThat(server.anonymous().login(email, typed).status()).isEqualTo(200);
        assertThat(server.anonymous().login(email, "quiet lantern orbit").status())
                .isEqualTo(200);
    }
}
