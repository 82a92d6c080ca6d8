package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.infra.embedded.EmbeddedKafka;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** When Kafka cannot take a report, ingest says so with 503 and Retry-After, and loses nothing silently. */
class KafkaOutageIT {
    @Test
    void answers503WithRetryAfterWhileKafkaIsDown() throws Exception {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("scopecloud.test.work", "target")), "outage");
        EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
        // The shared PostgreSQL, but a Kafka of this test's own, to stop.
        try (kafka;
                StandaloneTestApp app = StandaloneTestApp.builder()
                        .kafka(kafka.bootstrapServers())
                        .set("kafka.sendTimeout", "3s")
                        .start()) {
            Tenancy tenancy = app.tenancy();
            Org org = tenancy.orgs().create("Outage");
            String token = tenancy.probeTokens().issue(org.id(), "t", null).secret();
            ServiceClient client = app.client();
            byte[] report = ServiceClient.gzip(ReportSliceIT.fixture("report-004.json"));
            assertThat(client.postReport(token, "application/json", "gzip", report)
                            .statusCode())
                    .isEqualTo(200);

            kafka.close();

            HttpResponse<String> refused = client.postReport(token, "application/json", "gzip", report);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).contains("retry");
        }
    }
}
