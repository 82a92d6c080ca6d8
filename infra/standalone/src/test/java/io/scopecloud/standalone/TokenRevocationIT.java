package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.token.IssuedToken;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** A revoked token stops a probe's reports once the ingest's token cache (1 s here) has turned over. */
class TokenRevocationIT {
    @Test
    void revokedTokensAreRefusedWithinTheCacheLifetime() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        DropwizardTestSupport<StandaloneConfiguration> app = new DropwizardTestSupport<>(
                StandaloneApplication.class,
                ResourceHelpers.resourceFilePath("standalone-it.yml"),
                ConfigOverride.config("database.url", db.jdbcUrl()),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config("database.password", db.password()),
                ConfigOverride.config("kafka.bootstrapServers", infra.bootstrapServers()),
                ConfigOverride.config("kafka.reportsTopic", infra.newTopicName("reports")),
                ConfigOverride.config("kafka.reportsPartitions", "1"),
                ConfigOverride.config("query.consumerGroup", infra.newTopicName("query")),
                ConfigOverride.config("tenancy.tokenCacheTtl", "1s"));
        app.before();
        try {
            Tenancy admin =
                    new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
            Org org = admin.orgs().create("Revocation");
            IssuedToken token = admin.probeTokens().issue(org.id(), "soon revoked", null);
            ServiceClient client = new ServiceClient(app.getLocalPort());
            byte[] report = ServiceClient.gzip(ReportSliceIT.fixture("report-004.json"));
            assertThat(client.postReport(token.secret(), "application/json", "gzip", report)
                            .statusCode())
                    .isEqualTo(200);

            admin.probeTokens().revoke(org.id(), token.token().id());
            long revokedAt = System.nanoTime();
            int status = 200;
            while (status == 200
                    && System.nanoTime() - revokedAt < Duration.ofSeconds(10).toNanos()) {
                Thread.sleep(100);
                status = client.postReport(token.secret(), "application/json", "gzip", report)
                        .statusCode();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - revokedAt);

            assertThat(status).isEqualTo(401);
            // The cache lives 1 s; allow for scheduling on a busy CI machine, far below the 10 s give-up.
            assertThat(took).isLessThan(Duration.ofSeconds(3));
        } finally {
            app.after();
        }
    }
}
