package io.scopecloud.tenancy.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.tenancy.web.PortalClient.Reply;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The portal on a fresh database of the test JVM's PostgreSQL, with a real SMTP server for its
 * invitations, and helpers to make people and orgs.
 */
final class PortalServer implements AutoCloseable {
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    final DropwizardTestSupport<PortalTestApp.Config> app;
    final GreenMail mail;
    final Jdbi jdbi;

    PortalServer(ConfigOverride... overrides) throws Exception {
        mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        TestDatabase db = TestInfrastructure.shared().newDatabase();
        jdbi = Jdbi.create(db.jdbcUrl(), db.user(), db.password());
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("database.url", db.jdbcUrl()),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config("database.password", db.password()),
                ConfigOverride.config(
                        "tenancy.smtp.port", Integer.toString(mail.getSmtp().getPort()))));
        all.addAll(List.of(overrides));
        app = new DropwizardTestSupport<>(
                PortalTestApp.class,
                ResourceHelpers.resourceFilePath("portal-it.yml"),
                all.toArray(ConfigOverride[]::new));
        app.before();
    }

    io.scopecloud.tenancy.Tenancy tenancy() {
        return app.<PortalTestApp>getApplication().tenancy();
    }

    int port() {
        return app.getLocalPort();
    }

    static String email() {
        return "person" + PEOPLE.incrementAndGet() + "-"
                + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
    }

    PortalClient anonymous() {
        return new PortalClient(port());
    }

    PortalClient owner(String orgName) {
        return PortalClient.signedUp(port(), email(), orgName);
    }

    static String orgOf(PortalClient client) {
        return client.get("/api/session").json().get("orgs").get(0).get("id").asText();
    }

    /** Someone invited to the org with the role, signed in (their address verified, as invitations need). */
    PortalClient joined(PortalClient admin, String org, String role) {
        String link = admin.post("/api/orgs/" + org + "/invites", Map.of("role", role))
                .text("link");
        String email = email();
        PortalClient person = PortalClient.signedUp(port(), email, null);
        verify(email);
        Reply accepted = person.post("/api/invites/" + link.substring(link.lastIndexOf('/') + 1) + "/accept", null);
        assertThat(accepted.status()).isEqualTo(200);
        return person;
    }

    /** Opens the verification link mailed to {@code email} at sign-up. */
    void verify(String email) {
        String secret = Mailbox.secret(mail, email, "Confirm your email", "/verify-email#");
        Reply verified = anonymous().post("/api/email/verify", Map.of("secret", secret));
        assertThat(verified.status()).as("verify %s: %s", email, verified).isEqualTo(200);
    }

    @Override
    public void close() {
        app.after();
        mail.stop();
    }
}
