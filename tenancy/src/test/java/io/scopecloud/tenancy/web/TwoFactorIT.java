package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.web.HttpFrom.Answer;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-factor sign-in (issue 21 item 7) against the real portal and PostgreSQL: enrolment with a
 * QR code, the second step of sign-in, replayed and wrong codes, recovery codes, its throttling,
 * and orgs that require it of their members. Codes are computed as an authenticator app does.
 */
class TwoFactorIT {
    private static final String PASSWORD = "correct horse battery";
    private static PortalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PortalServer(ConfigOverride.config("tenancy.signInFirstDelay", "1m"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The code an authenticator app shows {@code steps} periods from now. */
    static String code(String secret, int steps) {
        try {
            return new DefaultCodeGenerator().generate(secret, System.currentTimeMillis() / 30_000 + steps);
        } catch (CodeGenerationException e) {
            throw new AssertionError(e);
        }
    }

    /** Signs up, enrols an authenticator; the secret and the recovery codes. */
    static Enrolled enrolled(PortalClient me) {
        Reply begun = me.post("/api/account/two-factor", null);
        assertThat(begun.status()).as(begun.toString()).isEqualTo(200);
        String secret = begun.text("secret");
        Reply confirmed = me.post("/api/account/two-factor/confirm", Map.of("code", code(secret, 0)));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        List<String> recovery = new ArrayList<>();
        confirmed.json().get("recoveryCodes").forEach(c -> recovery.add(c.asText()));
        return new Enrolled(secret, recovery);
    }

    record Enrolled(String secret, List<String> recovery) {}

    @Test
    void enrolmentShowsAQrCodeAndSignInThenNeedsAFreshCode() {
        String email = PortalServer.email();
        PortalClient me = PortalClient.signedUp(server.port(), email, null);
        Reply begun = me.post("/api/account/two-factor", null);
        assertThat(begun.text("qrCode")).startsWith("data:image/png;base64,");
        assertThat(begun.text("otpauthUri")).startsWith("otpauth://totp/").contains("issuer=Scope");
        String secret = begun.text("secret");
        assertThat(me.post("/api/account/two-factor/confirm", Map.of("code", "000000"))
                        .status())
                .isEqualTo(422);
        String enrolCode = code(secret, 0);
        Reply confirmed = me.post("/api/account/two-factor/confirm", Map.of("code", enrolCode));
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.json().get("recoveryCodes")).hasSize(10);
        assertThat(me.get("/api/account/two-factor").json().get("enabled").asBoolean())
                .isTrue();
        // a second enrolment is refused while it is on
        assertThat(me.post("/api/account/two-factor", null).status()).isEqualTo(409);

        PortalClient browser = new PortalClient(server.port());
        Reply first = browser.login(email, PASSWORD);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("secondFactor")).isEqualTo("totp");
        assertThat(first.setCookie()).isEmpty();
        assertThat(browser.get("/api/session").status()).isEqualTo(401);
        String challenge = first.text("challenge");

        // the code used to enrol is of this step: replayed, it is refused
        Reply replay = browser.post("/api/login/second-factor", Map.of("challenge", challenge, "code", enrolCode));
        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.text("message")).contains("used already");
        Reply wrong = browser.post("/api/login/second-factor", Map.of("challenge", challenge, "code", "123456"));
        assertThat(wrong.status()).isEqualTo(401);

        String next = code(secret, 1);
        Reply second = browser.post("/api/login/second-factor", Map.of("challenge", challenge, "code", next));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(browser.get("/api/session").status()).isEqualTo(200);

        // the same code again, in a new sign-in within its window: refused
        PortalClient other = new PortalClient(server.port());
        String again = other.login(email, PASSWORD).text("challenge");
        assertThat(other.post("/api/login/second-factor", Map.of("challenge", again, "code", next))
                        .status())
                .isEqualTo(401);
        // and a used challenge is no way in
        assertThat(other.post("/api/login/second-factor", Map.of("challenge", challenge, "code", code(secret, 1)))
                        .text("message"))
                .contains("sign in again");
    }

    @Test
    void aRecoveryCodeWorksOnceInPlaceOfACode() {
        String email = PortalServer.email();
        PortalClient me = PortalClient.signedUp(server.port(), email, null);
        Enrolled enrolled = enrolled(me);
        String recovery = enrolled.recovery().get(3);

        PortalClient browser = new PortalClient(server.port());
        String challenge = browser.login(email, PASSWORD).text("challenge");
        assertThat(browser.post("/api/login/second-factor", Map.of("challenge", challenge, "code", recovery))
                        .status())
                .isEqualTo(200);
        PortalClient thief = new PortalClient(server.port());
        String other = thief.login(email, PASSWORD).text("challenge");
        assertThat(thief.post("/api/login/second-factor", Map.of("challenge", other, "code", recovery))
                        .status())
                .isEqualTo(401);
        assertThat(me.get("/api/account/two-factor")
                        .json()
                        .get("recoveryCodesLeft")
                        .asInt())
                .isEqualTo(9);

        // turning it off needs the password; then a password alone signs in
        assertThat(me.post("/api/account/two-factor/disable", Map.of("currentPassword", "not it at all"))
                        .status())
                .isEqualTo(403);
        assertThat(me.post("/api/account/two-factor/disable", Map.of("currentPassword", PASSWORD))
                        .status())
                .isEqualTo(204);
        Reply plain = new PortalClient(server.port()).login(email, PASSWORD);
        assertThat(plain.json().has("csrfToken")).isTrue();
    }

    @Test
    void theSecondStepIsThrottledLikeTheFirst() {
        String email = PortalServer.email();
        PortalClient me = PortalClient.signedUp(server.port(), email, null);
        Enrolled enrolled = enrolled(me);
        HttpFrom guesser = new HttpFrom("127.0.0.6", server.port());
        String challenge = guesser.post("/api/login", Map.of("email", email, "password", PASSWORD), Map.of())
                .json()
                .get("challenge")
                .asText();
        int wrong = 0;
        int throttled = 0;
        for (int i = 0; i < 10; i++) {
            Answer a = guesser.post(
                    "/api/login/second-factor",
                    Map.of("challenge", challenge, "code", String.format("%06d", 100000 + i)),
                    Map.of());
            if (a.status() == 401) {
                wrong++;
            } else {
                assertThat(a.status()).isEqualTo(429);
                assertThat(a.headers()).containsKey("retry-after");
                throttled++;
            }
        }
        assertThat(wrong).isEqualTo(5);
        assertThat(throttled).isEqualTo(5);
        // the right code is not even checked while the guesser waits
        assertThat(guesser.post(
                                "/api/login/second-factor",
                                Map.of("challenge", challenge, "code", code(enrolled.secret(), 1)),
                                Map.of())
                        .status())
                .isEqualTo(429);
    }

    @Test
    void anOrgThatRequiresTwoFactorShutsOutMembersWithoutIt() {
        PortalClient owner = server.owner("Strict Org");
        String org = PortalServer.orgOf(owner);
        PortalClient admin = server.joined(owner, org, "admin");

        Reply early = owner.send("PUT", "/api/orgs/" + org + "/two-factor", Map.of("required", true));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("message")).contains("turn on two-factor sign-in for yourself first");
        enrolled(owner);
        assertThat(admin.send("PUT", "/api/orgs/" + org + "/two-factor", Map.of("required", true))
                        .status())
                .isEqualTo(403);
        assertThat(owner.send("PUT", "/api/orgs/" + org + "/two-factor", Map.of("required", true))
                        .status())
                .isEqualTo(200);

        Reply shut = admin.get("/api/orgs/" + org + "/members");
        assertThat(shut.status()).isEqualTo(403);
        assertThat(shut.text("message")).contains("requires two-factor sign-in").contains("account page");
        JsonNode session = admin.get("/api/session").json();
        assertThat(session.get("orgs")).isNotEmpty();

        enrolled(admin);
        assertThat(admin.get("/api/orgs/" + org + "/members").status()).isEqualTo(200);
        assertThat(owner.get("/api/orgs/" + org + "/two-factor")
                        .json()
                        .get("required")
                        .asBoolean())
                .isTrue();
    }
}
