package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * Issue 17 item 6 on the ingest side: a report with a token not yet cached, while PostgreSQL is
 * stalled for it (the probe_tokens table held under an ACCESS EXCLUSIVE lock), used to hang for
 * over 40 s. With the standalone's defaults it answers 503 with Retry-After, as ingest does when
 * Kafka cannot take a report, and is taken once the database answers again.
 */
class DatabaseStallIngestIT {
    @Test
    void anUncachedTokenCheckAnswers503WithRetryAfterWhileTheDatabaseIsStalled() throws Exception {
        try (StandaloneTestApp app = StandaloneTestApp.builder().start()) {
            Tenancy tenancy = app.tenancy();
            Org org = tenancy.orgs().create("Stalled ingest");
            String token = tenancy.probeTokens().issue(org.id(), "t", null).secret();
            ServiceClient client = app.client();
            byte[] report = ServiceClient.gzip(ReportSliceIT.fixture("report-004.json"));

            try (Handle locker = tenancy.jdbi().open()) {
                locker.begin();
                locker.execute("LOCK TABLE probe_tokens IN ACCESS EXCLUSIVE MODE");
                long start = System.nanoTime();
                HttpResponse<String> refused = client.postReport(token, "application/json", "gzip", report);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(refused.body()).contains("retry in 5 s");
                assertThat(took).isLessThan(Duration.ofSeconds(20));
                locker.rollback();
            }
            assertThat(client.postReport(token, "application/json", "gzip", report)
                            .statusCode())
                    .isEqualTo(200);
        }
    }
}
