package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The standalone install with its own embedded PostgreSQL and Kafka: stopped and started again on
 * the same data directory, it keeps orgs and tokens and rebuilds the last reports' view from Kafka.
 */
class StandaloneRestartIT {
    @Test
    void keepsOrgsTokensAndTheLiveViewAcrossARestart() throws Exception {
        Path data =
                Files.createTempDirectory(Path.of(System.getProperty("scopecloud.test.work", "target")), "standalone");

        DropwizardTestSupport<StandaloneConfiguration> first = standalone(data);
        first.before();
        Org org;
        String token;
        try {
            var db = first.getConfiguration().getDatabase();
            Tenancy tenancy = new Tenancy(
                    Jdbi.create(db.getUrl(), db.getUser(), db.getPassword()), Clock.systemUTC(), Duration.ZERO);
            org = tenancy.orgs().create("Restart");
            token = tenancy.probeTokens().issue(org.id(), "t", null).secret();
            ServiceClient client = new ServiceClient(first.getLocalPort());
            assertThat(client.postReport(
                                    token,
                                    "application/json",
                                    "gzip",
                                    ServiceClient.gzip(ReportSliceIT.fixture("report-004.json")))
                            .statusCode())
                    .isEqualTo(200);
            client.awaitGet(hosts(org), token, r -> r.body().contains("vm;<host>"), Duration.ofSeconds(30));
        } finally {
            first.after();
        }

        DropwizardTestSupport<StandaloneConfiguration> second = standalone(data);
        second.before();
        try {
            ServiceClient client = new ServiceClient(second.getLocalPort());
            var view = client.awaitGet(hosts(org), token, r -> r.body().contains("vm;<host>"), Duration.ofSeconds(30));
            assertThat(view.statusCode()).isEqualTo(200);
        } finally {
            second.after();
        }
    }

    private static String hosts(Org org) {
        return "/api/app/" + org.externalId() + "/api/topology/hosts";
    }

    private static DropwizardTestSupport<StandaloneConfiguration> standalone(Path data) {
        return new DropwizardTestSupport<>(
                StandaloneApplication.class,
                ResourceHelpers.resourceFilePath("standalone-it.yml"),
                ConfigOverride.config("embedded.postgres", "true"),
                ConfigOverride.config("embedded.kafka", "true"),
                ConfigOverride.config("embedded.dataDir", data.toString()),
                ConfigOverride.config("kafka.reportsPartitions", "2"),
                // Long enough that the restart itself cannot expire the report.
                ConfigOverride.config("query.window", "2m"));
    }
}
