package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.util.JarLocation;
import io.scopecloud.control.ControlApplication;
import io.scopecloud.ingest.IngestApplication;
import io.scopecloud.query.QueryApplication;
import io.scopecloud.query.QueryConfiguration;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.token.IssuedToken;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The hosted shape from its own configuration files (infra/hosted/*.yml, as the README runs them):
 * the schema applied by {@code db migrate}, then ingest, query and control each as its own
 * application on its own ports, ready only once they can work, a report through ingest read back
 * from query, and each one's admin surface on its admin port alone.
 */
class HostedServicesIT {
    private static final Path HOSTED = Path.of("..", "hosted").toAbsolutePath().normalize();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachServiceRunsAloneFromItsHostedConfiguration() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        String topic = infra.newTopicName("hosted-reports");
        List<ConfigOverride> shared = List.of(
                ConfigOverride.config("database.url", db.jdbcUrl()),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config("database.password", db.password()),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                ConfigOverride.config("logging.level", "WARN"));
        List<ConfigOverride> kafka = List.of(
                ConfigOverride.config("kafka.bootstrapServers", infra.bootstrapServers()),
                ConfigOverride.config("kafka.reportsTopic", topic),
                ConfigOverride.config("kafka.reportsPartitions", "2"),
                // one test broker: the files' production defaults (3 and 2) need three
                ConfigOverride.config("kafka.replicationFactor", "1"),
                ConfigOverride.config("kafka.minInsyncReplicas", "1"));

        migrate(db);

        List<DropwizardTestSupport<?>> running = new ArrayList<>();
        try {
            var ingest = start(running, IngestApplication.class, "ingest.yml", shared, kafka, List.of());
            var query = start(
                    running,
                    QueryApplication.class,
                    "query.yml",
                    shared,
                    kafka,
                    List.of(
                            ConfigOverride.config("query.consumerGroup", infra.newTopicName("hosted-query")),
                            ConfigOverride.config("query.advertisedHost", "localhost")));
            var control = start(
                    running,
                    ControlApplication.class,
                    "control.yml",
                    shared,
                    List.of(),
                    List.of(ConfigOverride.config("control.internalSecret", "hosted-test-secret")));
            for (DropwizardTestSupport<?> service : running) {
                awaitReady(service.getAdminPort());
                assertThat(get(service.getLocalPort(), "/admin/threads").statusCode())
                        .isEqualTo(404);
            }

            Tenancy tenancy =
                    new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
            Org org = tenancy.orgs().create("Hosted");
            IssuedToken token = tenancy.probeTokens().issue(org.id(), "hosted", null);
            byte[] report = ServiceClient.gzip(ReportSliceIT.fixture("report-004.json"));
            ServiceClient toIngest = new ServiceClient(ingest.getLocalPort());
            assertThat(toIngest.postReport(token.secret(), "application/json", "gzip", report)
                            .statusCode())
                    .isEqualTo(200);
            new ServiceClient(query.getLocalPort())
                    .awaitGet(
                            "/api/app/" + org.externalId() + "/api/topology/hosts",
                            token.secret(),
                            r -> r.statusCode() == 200 && r.body().contains("\"label\""),
                            Duration.ofSeconds(30));

            assertThat(get(ingest.getAdminPort(), "/metrics").body())
                    .contains("scope_ingest_reports_total{outcome=\"accepted\"} 1.0");
            assertThat(get(query.getAdminPort(), "/metrics").body()).contains("scope_query_orgs 1.0");
            assertThat(get(control.getAdminPort(), "/metrics").body()).contains("scope_control_probe_connections 0.0");
        } finally {
            for (DropwizardTestSupport<?> service : running) {
                service.after();
            }
        }
    }

    /** {@code db migrate infra/hosted/query.yml}: the services on these files do not migrate on start. */
    private static void migrate(TestDatabase db) throws Exception {
        Map<String, String> properties = Map.of(
                "dw.database.url", db.jdbcUrl(),
                "dw.database.user", db.user(),
                "dw.database.password", db.password());
        properties.forEach(System::setProperty);
        try {
            QueryApplication app = new QueryApplication();
            Bootstrap<QueryConfiguration> bootstrap = new Bootstrap<>(app);
            app.initialize(bootstrap);
            Optional<Throwable> failed = new Cli(
                            new JarLocation(QueryApplication.class), bootstrap, System.out, System.err)
                    .run("db", "migrate", HOSTED.resolve("query.yml").toString());
            assertThat(failed).isEmpty();
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @SafeVarargs
    private static <C extends Configuration> DropwizardTestSupport<C> start(
            List<DropwizardTestSupport<?>> running,
            Class<? extends Application<C>> app,
            String file,
            List<ConfigOverride>... overrides)
            throws Exception {
        List<ConfigOverride> all = new ArrayList<>();
        for (List<ConfigOverride> some : overrides) {
            all.addAll(some);
        }
        DropwizardTestSupport<C> support =
                new DropwizardTestSupport<>(app, HOSTED.resolve(file).toString(), all.toArray(ConfigOverride[]::new));
        running.add(support);
        support.before();
        return support;
    }

    private void awaitReady(int adminPort) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> ready = get(adminPort, "/health/ready");
        while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            ready = get(adminPort, "/health/ready");
        }
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
