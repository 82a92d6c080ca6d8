package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

        Org org;
        String token;
        try (StandaloneTestApp first = standalone(data)) {
            Tenancy tenancy = first.tenancy();
            org = tenancy.orgs().create("Restart");
            token = tenancy.probeTokens().issue(org.id(), "t", null).secret();
            ServiceClient client = first.client();
            assertThat(client.postReport(
                                    token,
                                    "application/json",
                                    "gzip",
                                    ServiceClient.gzip(ReportSliceIT.fixture("report-004.json")))
                            .statusCode())
                    .isEqualTo(200);
            client.awaitGet(hosts(org), token, r -> r.body().contains("vm;\\u003chost\\u003e"), Duration.ofSeconds(30));
        }

        try (StandaloneTestApp second = standalone(data)) {
            var view = second.client()
                    .awaitGet(
                            hosts(org), token, r -> r.body().contains("vm;\\u003chost\\u003e"), Duration.ofSeconds(30));
            assertThat(view.statusCode()).isEqualTo(200);
        }
    }

    private static String hosts(Org org) {
        return "/api/app/" + org.externalId() + "/api/topology/hosts";
    }

    private static StandaloneTestApp standalone(Path data) throws Exception {
        return StandaloneTestApp.builder()
                .embedded(data)
                .partitions(2)
                // Long enough that the restart itself cannot expire the report.
                .set("query.window", "2m")
                .start();
    }
}
