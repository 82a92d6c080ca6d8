package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.scopecloud.tenancy.web.HttpFrom.Answer;
import io.scopecloud.tenancy.web.Mailbox.Received;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 21 against the real portal, PostgreSQL and an SMTP server (GreenMail): forgotten
 * passwords, verified and changed addresses, sessions one can see and end, and leaving; with the
 * abuse cases (reused, expired and guessed links, unknown emails, floods).
 */
class AccountLifecycleIT {
    private static final String PASSWORD = "correct horse battery";
    private static final String NEW_PASSWORD = "violet anchor meadow tundra";
    private static PortalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PortalServer(ConfigOverride.config("tenancy.accountLinksPerWindow", "40"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String verifiedPerson() {
        String email = PortalServer.email();
        PortalClient.signedUp(server.port(), email, null);
        server.verify(email);
        return email;
    }

    @Test
    void forgotAnswersTheSameForEveryEmailAndMailsAOneUseLinkThatResets() {
        String email = verifiedPerson();
        PortalClient laptop = new PortalClient(server.port());
        assertThat(laptop.login(email, PASSWORD).status()).isEqualTo(200);

        Reply known = server.anonymous().post("/api/password/forgot", Map.of("email", email));
        Reply unknown = server.anonymous().post("/api/password/forgot", Map.of("email", PortalServer.email()));
        assertThat(known.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(known.body()).isEqualTo(unknown.body());

        Received mail = Mailbox.await(server.mail, email, "Reset your Scope Cloud password");
        assertThat(mail.text()).contains("http://scope.example/reset-password#").doesNotContain(PASSWORD);
        assertThat(mail.html()).contains("http://scope.example/");
        String secret = mail.secret("/reset-password#");

        // the policy applies, and a refused password leaves the link usable
        assertThat(server.anonymous()
                        .post("/api/password/reset", Map.of("secret", secret, "password", "password123"))
                        .status())
                .isEqualTo(422);
        Reply reset =
                server.anonymous().post("/api/password/reset", Map.of("secret", secret, "password", NEW_PASSWORD));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);

        // every session ended, the old password gone, the new one in, a notice mailed
        assertThat(laptop.get("/api/session").status()).isEqualTo(401);
        assertThat(new PortalClient(server.port()).login(email, PASSWORD).status())
                .isEqualTo(401);
        assertThat(new PortalClient(server.port()).login(email, NEW_PASSWORD).status())
                .isEqualTo(200);
        Received notice = Mailbox.await(server.mail, email, "password was changed");
        assertThat(notice.text()).doesNotContain(NEW_PASSWORD).contains("http://scope.example/");

        // used once
        Reply again = server.anonymous()
                .post("/api/password/reset", Map.of("secret", secret, "password", NEW_PASSWORD + " x"));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.text("message")).contains("ask for a new one");
    }

    @Test
    void expiredAndGuessedResetLinksAreRefused() {
        String email = verifiedPerson();
        server.anonymous().post("/api/password/forgot", Map.of("email", email));
        String secret = Mailbox.secret(server.mail, email, "Reset your", "/reset-password#");
        server.jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE account_links SET expires_at = :past WHERE user_id = (SELECT id FROM users WHERE email = :email)")
                .bind("past", Instant.now().minus(1, ChronoUnit.MINUTES))
                .bind("email", email)
                .execute());

        assertThat(server.anonymous()
                        .post("/api/password/reset", Map.of("secret", secret, "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(404);
        assertThat(server.anonymous()
                        .post(
                                "/api/password/reset",
                                Map.of("secret", "rst_" + "a".repeat(32), "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(404);
        // a verification link's secret is no reset link
        String other = PortalServer.email();
        PortalClient.signedUp(server.port(), other, null);
        String verifySecret = Mailbox.secret(server.mail, other, "Confirm your email", "/verify-email#");
        assertThat(server.anonymous()
                        .post("/api/password/reset", Map.of("secret", verifySecret, "password", NEW_PASSWORD))
                        .status())
                .isEqualTo(404);
        assertThat(new PortalClient(server.port()).login(email, PASSWORD).status())
                .isEqualTo(200);
    }

    @Test
    void unverifiedAccountsUseTheirOwnOrgButGetNoInvitationsNorResets() {
        PortalClient owner = server.owner("Verify Org");
        String org = PortalServer.orgOf(owner);
        String link = owner.post("/api/orgs/" + org + "/invites", Map.of("role", "member"))
                .text("link");
        String invite = link.substring(link.lastIndexOf('/') + 1);

        String email = PortalServer.email();
        PortalClient person = PortalClient.signedUp(server.port(), email, "Own Org");
        assertThat(person.get("/api/session")
                        .json()
                        .get("user")
                        .get("emailVerified")
                        .asBoolean())
                .isFalse();
        String own = PortalServer.orgOf(person);
        assertThat(person.get("/api/orgs/" + own + "/members").status()).isEqualTo(200);

        Reply refused = person.post("/api/invites/" + invite + "/accept", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("message")).contains("confirm your address").contains(email);

        server.anonymous().post("/api/password/forgot", Map.of("email", email));
        Received verification = Mailbox.await(server.mail, email, "Confirm your email");
        assertThat(verification.text()).contains("http://scope.example/verify-email#");
        String secret = verification.secret("/verify-email#");
        Reply verified = server.anonymous().post("/api/email/verify", Map.of("secret", secret));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(server.anonymous()
                        .post("/api/email/verify", Map.of("secret", secret))
                        .status())
                .isEqualTo(404);
        assertThat(Mailbox.to(server.mail, email, "Reset your"))
                .as("no reset mailed while unverified")
                .isEmpty();

        assertThat(person.post("/api/invites/" + invite + "/accept", null).status())
                .isEqualTo(200);
        assertThat(person.get("/api/account").json().get("emailVerified").asBoolean())
                .isTrue();
    }

    @Test
    void anEmailChangeNeedsThePasswordAndTheNewAddressesLinkAndTellsTheOldOne() {
        String email = verifiedPerson();
        PortalClient me = new PortalClient(server.port());
        me.login(email, PASSWORD);
        String newEmail = PortalServer.email();

        assertThat(me.post("/api/account/email", Map.of("newEmail", newEmail, "currentPassword", "not it at all"))
                        .status())
                .isEqualTo(403);
        assertThat(me.post("/api/account/email", Map.of("newEmail", "nope", "currentPassword", PASSWORD))
                        .status())
                .isEqualTo(422);
        Reply asked = me.post("/api/account/email", Map.of("newEmail", newEmail, "currentPassword", PASSWORD));
        assertThat(asked.status()).isEqualTo(202);

        Received notice = Mailbox.await(server.mail, email, "about to change");
        assertThat(notice.text()).contains(newEmail);
        String secret = Mailbox.secret(server.mail, newEmail, "Confirm your new email", "/verify-email#");
        assertThat(me.get("/api/account").text("email")).isEqualTo(email);

        assertThat(server.anonymous()
                        .post("/api/email/verify", Map.of("secret", secret))
                        .status())
                .isEqualTo(200);
        assertThat(me.get("/api/account").text("email")).isEqualTo(newEmail);
        assertThat(new PortalClient(server.port()).login(newEmail, PASSWORD).status())
                .isEqualTo(200);
        assertThat(new PortalClient(server.port()).login(email, PASSWORD).status())
                .isEqualTo(401);
        assertThat(server.anonymous()
                        .post("/api/email/verify", Map.of("secret", secret))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anEmailChangeToATakenAddressIsRefusedWhenConfirmed() {
        String email = verifiedPerson();
        String taken = verifiedPerson();
        PortalClient me = new PortalClient(server.port());
        me.login(email, PASSWORD);
        assertThat(me.post("/api/account/email", Map.of("newEmail", taken, "currentPassword", PASSWORD))
                        .status())
                .isEqualTo(202);
        String secret = Mailbox.secret(server.mail, taken, "Confirm your new email", "/verify-email#");
        Reply conflict = server.anonymous().post("/api/email/verify", Map.of("secret", secret));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(me.get("/api/account").text("email")).isEqualTo(email);
    }

    @Test
    void aPersonSeesTheirSessionsAndEndsAnyOrAllOthers() {
        String email = verifiedPerson();
        PortalClient laptop = new PortalClient(server.port());
        laptop.send(
                "POST", "/api/login", Map.of("email", email, "password", PASSWORD), Map.of("User-Agent", "Laptop/1.0"));
        PortalClient phone = new PortalClient(server.port());
        phone.send(
                "POST", "/api/login", Map.of("email", email, "password", PASSWORD), Map.of("User-Agent", "Phone/2.0"));
        PortalClient tablet = new PortalClient(server.port());
        tablet.login(email, PASSWORD);

        Reply list = laptop.get("/api/account/sessions");
        assertThat(list.status()).isEqualTo(200);
        // the sign-up's own session, and the three above
        assertThat(list.json()).hasSize(4);
        String phoneId = null;
        int current = 0;
        for (var s : list.json()) {
            assertThat(s.get("address").asText()).isEqualTo("127.0.0.1");
            if (s.get("current").asBoolean()) {
                current++;
                assertThat(s.get("browser").asText()).isEqualTo("Laptop/1.0");
            }
            if (s.get("browser").asText().equals("Phone/2.0")) {
                phoneId = s.get("id").asText();
            }
        }
        assertThat(current).isEqualTo(1);
        assertThat(phoneId).isNotNull();

        // another person cannot end it, nor learn whether it exists
        PortalClient stranger = server.owner("Stranger Org");
        assertThat(stranger.send("DELETE", "/api/account/sessions/" + phoneId, null)
                        .status())
                .isEqualTo(404);
        assertThat(phone.get("/api/session").status()).isEqualTo(200);

        assertThat(laptop.send("DELETE", "/api/account/sessions/" + phoneId, null)
                        .status())
                .isEqualTo(204);
        assertThat(phone.get("/api/session").status()).isEqualTo(401);
        assertThat(tablet.get("/api/session").status()).isEqualTo(200);
        assertThat(laptop.send("DELETE", "/api/account/sessions/not-a-uuid", null)
                        .status())
                .isEqualTo(404);

        assertThat(laptop.send("DELETE", "/api/account/sessions", null).status())
                .isEqualTo(204);
        assertThat(tablet.get("/api/session").status()).isEqualTo(401);
        assertThat(laptop.get("/api/session").status()).isEqualTo(200);
        assertThat(laptop.get("/api/account/sessions").json()).hasSize(1);
    }

    @Test
    void theLastOwnerCannotLeaveAndALeaverStaysInTheAuditLogAsDeleted() {
        String email = verifiedPerson();
        PortalClient me = new PortalClient(server.port());
        me.login(email, PASSWORD);
        Reply created = me.post("/api/orgs", Map.of("name", "Leaving Org"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String org = created.text("id");

        assertThat(me.post("/api/account/delete", Map.of("currentPassword", "not my password"))
                        .status())
                .isEqualTo(403);
        Reply refused = me.post("/api/account/delete", Map.of("currentPassword", PASSWORD));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("message"))
                .contains("only owner of Leaving Org (" + org + ")")
                .contains("make another member owner");

        // someone else becomes owner; the leaver has an audit entry of a control they ran
        PortalClient heir = server.joined(me, org, "owner");
        UUID myId = UUID.fromString(
                me.get("/api/session").json().get("user").get("id").asText());
        server.jdbi.useHandle(h -> h.createUpdate(
                        """
                INSERT INTO audit_log (org_id, number, at, actor, user_id, probe_id, node_id, control, outcome, duration_ms)
                SELECT id, 1, now(), :actor, :user, 'p', 'n', 'docker_stop_container', 'ok', 1 FROM orgs WHERE external_id = :org
                """)
                .bind("actor", email)
                .bind("user", myId)
                .bind("org", org)
                .execute());

        Reply deleted = me.post("/api/account/delete", Map.of("currentPassword", PASSWORD));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(me.get("/api/session").status()).isEqualTo(401);
        assertThat(new PortalClient(server.port()).login(email, PASSWORD).status())
                .isEqualTo(401);
        assertThat(heir.get("/api/orgs/" + org + "/members").json()).hasSize(1);
        String actor = server.jdbi.withHandle(h -> h.createQuery(
                        "SELECT actor FROM audit_log a JOIN orgs o ON o.id = a.org_id WHERE o.external_id = :org")
                .bind("org", org)
                .mapTo(String.class)
                .one());
        assertThat(actor).isEqualTo("(deleted account)");
    }

    @Test
    void resetRequestsAreLimitedPerAddressAndMailsPerEmail() throws InterruptedException {
        String email = verifiedPerson();
        HttpFrom flooder = new HttpFrom("127.0.0.4", server.port());
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 45; i++) {
            Answer a = flooder.post("/api/password/forgot", Map.of("email", email), Map.of());
            if (a.status() == 202) {
                accepted++;
            } else {
                assertThat(a.status()).isEqualTo(429);
                assertThat(a.headers()).containsKey("retry-after");
                limited++;
            }
        }
        assertThat(accepted).isEqualTo(40);
        assertThat(limited).isEqualTo(5);
        // at most 3 reset mails to one email per window, whoever asks
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (Mailbox.to(server.mail, email, "Reset your").size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(1000); // time for a fourth, were one sent
        assertThat(Mailbox.to(server.mail, email, "Reset your")).hasSize(3);
        // guessing links from one address meets the same limit
        HttpFrom guesser = new HttpFrom("127.0.0.5", server.port());
        int guessedLimited = 0;
        for (int i = 0; i < 42; i++) {
            Answer a = guesser.post(
                    "/api/password/reset", Map.of("secret", "rst_guess" + i, "password", NEW_PASSWORD), Map.of());
            assertThat(a.status()).isIn(404, 429);
            guessedLimited += a.status() == 429 ? 1 : 0;
        }
        assertThat(guessedLimited).isEqualTo(2);
    }
}
