package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.web.PortalClient.Reply;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The portal API on a real PostgreSQL, as a browser uses it, and a real SMTP server for invitations. */
class PortalAppIT {
    private static PortalServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new PortalServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String email() {
        return PortalServer.email();
    }

    private static PortalClient owner(String orgName) {
        return server.owner(orgName);
    }

    private static String orgOf(PortalClient client) {
        return PortalServer.orgOf(client);
    }

    @Test
    void signUpStartsAHttpOnlySameSiteSessionAndMakesTheCreatorOwner() {
        PortalClient alice = new PortalClient(server.port());
        Reply signedUp = alice.post(
                "/api/signup", Map.of("email", email(), "password", "correct horse battery", "orgName", "Alice Inc"));

        assertThat(signedUp.status()).isEqualTo(201);
        assertThat(signedUp.setCookie()).hasValueSatisfying(c -> assertThat(c)
                .contains("HttpOnly")
                .containsIgnoringCase("SameSite=Lax")
                .contains("Path=/"));
        Reply session = alice.get("/api/session");
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("orgs").get(0).get("role").asText()).isEqualTo("owner");
        assertThat(session.json().get("orgs").get(0).get("name").asText()).isEqualTo("Alice Inc");
    }

    @Test
    void rejectsWeakPasswordsBadEmailsAndTakenEmails() {
        PortalClient c = new PortalClient(server.port());
        assertThat(c.post("/api/signup", Map.of("email", email(), "password", "short"))
                        .status())
                .isEqualTo(422);
        assertThat(c.post("/api/signup", Map.of("email", "not-an-email", "password", "quiet lantern orbit"))
                        .status())
                .isEqualTo(422);
        String taken = email();
        assertThat(c.post("/api/signup", Map.of("email", taken, "password", "quiet lantern orbit"))
                        .status())
                .isEqualTo(201);
        Reply again = new PortalClient(server.port())
                .post(
                        "/api/signup",
                        Map.of("email", taken.toUpperCase(Locale.ROOT), "password", "quiet lantern orbit"));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void loggingInAlwaysIssuesANewSessionAndEndsThePresentedOne() {
        String email = email();
        PortalClient first = PortalClient.signedUp(server.port(), email, null);
        String planted = first.cookie();

        PortalClient victim = new PortalClient(server.port());
        victim.useCookie(planted);
        Reply login = victim.login(email, "correct horse battery");

        assertThat(login.status()).isEqualTo(200);
        assertThat(victim.cookie()).isNotEqualTo(planted);
        assertThat(first.get("/api/session").status()).isEqualTo(401);
        assertThat(victim.get("/api/session").status()).isEqualTo(200);
    }

    @Test
    void wrongPasswordsAndUnknownAccountsGetTheSame401() {
        String email = email();
        PortalClient.signedUp(server.port(), email, null);
        Reply wrong = new PortalClient(server.port()).login(email, "not the password");
        Reply unknown = new PortalClient(server.port()).login(email(), "not the password");

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.text("message")).isEqualTo(unknown.text("message"));
    }

    @Test
    void writesWithTheSessionCookieNeedTheCsrfTokenAndOurOrigin() {
        PortalClient alice = owner("Csrf Org");

        Reply missing = alice.send("POST", "/api/orgs", Map.of("name", "x"), Map.of("X-CSRF-Token", ""));
        Reply forged = alice.send("POST", "/api/orgs", Map.of("name", "x"), Map.of("X-CSRF-Token", "forged"));
        Reply crossSite =
                alice.send("POST", "/api/orgs", Map.of("name", "x"), Map.of("Origin", "https://evil.example"));
        Reply fine = alice.post("/api/orgs", Map.of("name", "Second Org"));

        assertThat(missing.status()).isEqualTo(403);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(crossSite.status()).isEqualTo(403);
        assertThat(fine.status()).isEqualTo(201);
    }

    @Test
    void expiredAndLoggedOutSessionsGet401() {
        PortalClient alice = owner("Expiry Org");
        PortalClient bob = owner("Logout Org");
        server.jdbi.useHandle(h -> h.execute(
                "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id_hash = sha256(convert_to(?, 'UTF8'))",
                alice.cookie()));

        assertThat(alice.get("/api/session").status()).isEqualTo(401);
        assertThat(bob.post("/api/logout", null).status()).isEqualTo(204);
        assertThat(bob.get("/api/orgs").status()).isEqualTo(401);
    }

    @Test
    void changingThePasswordEndsOtherSessions() {
        String email = email();
        PortalClient laptop = PortalClient.signedUp(server.port(), email, null);
        PortalClient phone = new PortalClient(server.port());
        assertThat(phone.login(email, "correct horse battery").status()).isEqualTo(200);

        Reply changed = laptop.post(
                "/api/session/password",
                Map.of("currentPassword", "correct horse battery", "newPassword", "a brand new passphrase"));

        assertThat(changed.status()).isEqualTo(204);
        assertThat(laptop.get("/api/session").status()).isEqualTo(200);
        assertThat(phone.get("/api/session").status()).isEqualTo(401);
        assertThat(new PortalClient(server.port())
                        .login(email, "a brand new passphrase")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void invitesByEmailAndLinkWithARole() throws Exception {
        PortalClient alice = owner("Invite Org");
        String org = orgOf(alice);
        String bobEmail = email();

        Reply invite = alice.post("/api/orgs/" + org + "/invites", Map.of("email", bobEmail, "role", "viewer"));
        assertThat(invite.status()).isEqualTo(201);
        assertThat(invite.json().get("mailed").asBoolean()).isTrue();
        String link = invite.text("link");
        assertThat(link).startsWith("http://scope.example/invite/inv_");

        assertThat(server.mail.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage received = List.of(server.mail.getReceivedMessages()).stream()
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(bobEmail);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(received.getSubject()).contains("Invite Org");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(received)).contains(link);

        String secret = link.substring(link.lastIndexOf('/') + 1);
        PortalClient bob = PortalClient.signedUp(server.port(), bobEmail, null);
        server.verify(bobEmail);
        assertThat(bob.get("/api/invites/" + secret).text("org")).isEqualTo("Invite Org");
        Reply accepted = bob.post("/api/invites/" + secret + "/accept", null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.text("role")).isEqualTo("viewer");
        assertThat(bob.post("/api/invites/" + secret + "/accept", null).status())
                .isEqualTo(404);
        assertThat(alice.get("/api/orgs/" + org + "/members").json()).hasSize(2);
    }

    @Test
    void aRemovedOrDemotedMemberLosesAccessAtOnceThoughMembershipsAreCached() throws Exception {
        PortalClient alice = owner("Revoking Org");
        String org = orgOf(alice);
        String secret = alice.post("/api/orgs/" + org + "/invites", Map.of("role", "admin"))
                .text("link");
        secret = secret.substring(secret.lastIndexOf('/') + 1);
        String bobEmail = email();
        PortalClient bob = PortalClient.signedUp(server.port(), bobEmail, null);
        server.verify(bobEmail);
        assertThat(bob.post("/api/invites/" + secret + "/accept", null).status())
                .isEqualTo(200);
        String bobId = bob.get("/api/session").json().get("user").get("id").asText();
        // read twice: the membership is now cached
        assertThat(bob.get("/api/orgs/" + org + "/tokens").status()).isEqualTo(200);
        assertThat(bob.get("/api/orgs/" + org + "/tokens").status()).isEqualTo(200);

        assertThat(alice.send("PATCH", "/api/orgs/" + org + "/members/" + bobId, Map.of("role", "viewer"))
                        .status())
                .isEqualTo(204);
        assertThat(bob.get("/api/orgs/" + org + "/tokens").status()).isEqualTo(403);

        assertThat(alice.send("DELETE", "/api/orgs/" + org + "/members/" + bobId, null)
                        .status())
                .isEqualTo(204);
        assertThat(bob.get("/api/orgs/" + org + "/members").status()).isEqualTo(404);
    }

    @Test
    void theLastOwnerCannotLeaveOrBeDemoted() {
        PortalClient alice = owner("Lonely Org");
        String org = orgOf(alice);
        String me = alice.get("/api/session").json().get("user").get("id").asText();

        assertThat(alice.send("DELETE", "/api/orgs/" + org + "/members/" + me, null)
                        .status())
                .isEqualTo(409);
        assertThat(alice.send("PATCH", "/api/orgs/" + org + "/members/" + me, Map.of("role", "admin"))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void probeTokensAreShownOnceListedByPrefixRotatedAndRevoked() {
        PortalClient alice = owner("Token Org");
        String org = orgOf(alice);

        Reply created = alice.post("/api/orgs/" + org + "/tokens", Map.of("name", "laptop"));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.text("token");
        assertThat(secret).startsWith(created.text("prefix"));

        Reply listed = alice.get("/api/orgs/" + org + "/tokens");
        assertThat(listed.body()).doesNotContain(secret).contains(created.text("prefix"));

        Reply rotated = alice.post("/api/orgs/" + org + "/tokens/" + created.text("id") + "/rotate", null);
        assertThat(rotated.status()).isEqualTo(201);
        assertThat(rotated.text("token")).isNotEqualTo(secret);
        assertThat(alice.send("DELETE", "/api/orgs/" + org + "/tokens/" + created.text("id"), null)
                        .status())
                .isEqualTo(404);
        assertThat(alice.send("DELETE", "/api/orgs/" + org + "/tokens/" + rotated.text("id"), null)
                        .status())
                .isEqualTo(204);
    }

    @Test
    void sharedViewsOpenForTheTeamAndPrivateOnesOnlyForTheirOwner() {
        PortalClient alice = owner("View Org");
        String org = orgOf(alice);
        PortalClient bob = server.joined(alice, org, "member");

        Reply shared = alice.post(
                "/api/orgs/" + org + "/views",
                Map.of(
                        "name", "Web tier",
                        "topology", "containers",
                        "options", Map.of("system", "application"),
                        "search", "nginx",
                        "selectedNode", "abc;<container>",
                        "shared", true));
        Reply mine = alice.post(
                "/api/orgs/" + org + "/views",
                Map.of("name", "Scratch", "topology", "hosts", "options", Map.of(), "shared", false));
        assertThat(shared.status()).isEqualTo(201);

        Reply opened = bob.get("/api/orgs/" + org + "/views/" + shared.text("id"));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.text("search")).isEqualTo("nginx");
        assertThat(opened.json().get("options").get("system").asText()).isEqualTo("application");
        assertThat(bob.get("/api/orgs/" + org + "/views/" + mine.text("id")).status())
                .isEqualTo(404);
        assertThat(bob.get("/api/orgs/" + org + "/views").json()).hasSize(1);
        assertThat(bob.send("DELETE", "/api/orgs/" + org + "/views/" + shared.text("id"), null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void probesListSaysWhichProbesReportAndWhichHoldAControlConnection() {
        PortalClient alice = owner("Probe Org");
        String org = orgOf(alice);
        server.jdbi.useHandle(h -> {
            h.execute(
                    "INSERT INTO probes (org_id, probe_id, hostname, version, first_seen, last_seen)"
                            + " SELECT id, 'p-live', 'web-1', '1.13.2', now(), now() FROM orgs WHERE external_id = ?",
                    org);
            h.execute(
                    "INSERT INTO probes (org_id, probe_id, hostname, version, first_seen, last_seen)"
                            + " SELECT id, 'p-gone', 'web-2', '1.13.2', now() - interval '1 hour',"
                            + " now() - interval '1 hour' FROM orgs WHERE external_id = ?",
                    org);
            h.execute("INSERT INTO control_instances (instance_id, url) VALUES ('it-probes', 'http://127.0.0.1:1')"
                    + " ON CONFLICT DO NOTHING");
            h.execute(
                    "INSERT INTO probe_connections (org_id, probe_id, instance_id, instance_url, connection_id,"
                            + " connected_at, last_seen) SELECT id, 'p-live', 'it-probes', 'http://127.0.0.1:1',"
                            + " gen_random_uuid(), now(), now() FROM orgs WHERE external_id = ?",
                    org);
        });

        Reply probes = alice.get("/api/orgs/" + org + "/probes");

        assertThat(probes.status()).isEqualTo(200);
        assertThat(probes.json()).hasSize(2);
        assertThat(probes.json().get(0).get("id").asText()).isEqualTo("p-live");
        assertThat(probes.json().get(0).get("connected").asBoolean()).isTrue();
        assertThat(probes.json().get(0).get("controlConnected").asBoolean()).isTrue();
        assertThat(probes.json().get(1).get("id").asText()).isEqualTo("p-gone");
        assertThat(probes.json().get(1).get("connected").asBoolean()).isFalse();
        assertThat(probes.json().get(1).get("controlConnected").asBoolean()).isFalse();
    }
}
