package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.token.IssuedToken;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A revoked token stops a probe's reports once the ingest's token cache (1 s here) has turned over. */
class TokenRevocationIT {
    @Test
    void revokedTokensAreRefusedWithinTheCacheLifetime() throws Exception {
        try (StandaloneTestApp app =
                StandaloneTestApp.builder().set("tenancy.tokenCacheTtl", "1s").start()) {
            Tenancy admin = app.tenancy();
            Org org = admin.orgs().create("Revocation");
            IssuedToken token = admin.probeTokens().issue(org.id(), "soon revoked", null);
            ServiceClient client = app.client();
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
        }
    }
}
