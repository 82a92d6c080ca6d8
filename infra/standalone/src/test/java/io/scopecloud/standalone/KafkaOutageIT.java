package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.infra.embedded.EmbeddedKafka;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** When Kafka cannot take a report, ingest says so with 503 and Retry-After, and loses nothing silently. */
class KafkaOutageIT {
    @Test
    void answers503WithRetryAfterWhileKafkaIsDown() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        Path work = Files.createTempDirectory(Path.of(System.getProperty("scopecloud.test.work", "target")), "outage");
        EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0);
        DropwizardTestSupport<StandaloneConfiguration> app = new DropwizardTestSupport<>(
                StandaloneApplication.class,
                ResourceHelpers.resourceFilePath("standalone-it.yml"),
                ConfigOverride.config("database.url", db.jdbcUrl()),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config("database.password", db.password()),
                ConfigOverride.config("kafka.bootstrapServers", kafka.bootstrapServers()),
                ConfigOverride.config("kafka.reportsPartitions", "1"),
                ConfigOverride.config("kafka.sendTimeout", "3s"));
        app.before();
        try {
            Tenancy tenancy =
                    new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
            Org org = tenancy.orgs().create("Outage");
            String token = tenancy.probeTokens().issue(org.id(), "t", null).secret();
            ServiceClient client = new ServiceClient(app.getLocalPort());
            byte[] report = ServiceClient.gzip(ReportSliceIT.fixture("report-004.json"));
            assertThat(client.postReport(token, "application/json", "gzip", report)
                            .statusCode())
                    .isEqualTo(200);

            kafka.close();

            HttpResponse<String> refused = client.postReport(token, "application/json", "gzip", report);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).contains("retry");
        } finally {
            app.after();
            kafka.close();
        }
    }
}
