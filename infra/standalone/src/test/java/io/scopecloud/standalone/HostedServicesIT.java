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
import io.scopecloud.testing.RawHttp;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
        Map<String, String> shared = Map.of(
                "database.url",
                db.jdbcUrl(),
                "database.user",
                db.user(),
                "database.password",
                db.password(),
                "server.applicationConnectors[0].port",
                "0",
                "server.adminConnectors[0].port",
                "0",
                "logging.level",
                "WARN");
        Map<String, String> kafka = Map.of(
                "kafka.bootstrapServers", infra.bootstrapServers(),
                "kafka.reportsTopic", topic,
                "kafka.reportsPartitions", "2",
                // one test broker: the files' production defaults (3 and 2) need three
                "kafka.replicationFactor", "1",
                "kafka.minInsyncReplicas", "1");

        migrate(db);

        List<DropwizardTestSupport<?>> running = new ArrayList<>();
        try {
            var ingest = start(running, IngestApplication.class, "ingest", shared, kafka);
            var query = start(
                    running,
                    QueryApplication.class,
                    "query",
                    shared,
                    kafka,
                    Map.of(
                            "query.consumerGroup",
                            infra.newTopicName("hosted-query"),
                            "query.advertisedHost",
                            "localhost"));
            var control = start(
                    running,
                    ControlApplication.class,
                    "control",
                    shared,
                    Map.of("control.internalSecret", "hosted-test-secret"));
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

            assertThat(slowBodyAnswer(ingest.getLocalPort(), token.secret()))
                    .as("a body trickling in at 1 byte/s is cut off, not waited for")
                    .startsWith("HTTP/1.1 408");

            assertThat(get(ingest.getAdminPort(), "/metrics").body())
                    .contains("scope_ingest_reports_total{outcome=\"accepted\"} 1.0");
            assertThat(get(query.getAdminPort(), "/metrics").body()).contains("scope_query_orgs 1.0");
            assertThat(get(control.getAdminPort(), "/metrics").body()).contains("scope_control_probe_connections 0.0");

            assertThat(pausedBodyAnswer(query.getLocalPort()))
                    .as("a small body with a 300 ms pause in it is read, not cut off at 1 KiB/s since its first byte")
                    .startsWith("HTTP/1.1 401");
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

    /**
     * Starts {@code service} from {@code infra/hosted/<service>.yml}. Overrides are system
     * properties named with the service as their prefix: the services run side by side, and each
     * must read only its own.
     */
    @SafeVarargs
    private static <C extends Configuration> DropwizardTestSupport<C> start(
            List<DropwizardTestSupport<?>> running,
            Class<? extends Application<C>> app,
            String service,
            Map<String, String>... overrides)
            throws Exception {
        List<ConfigOverride> all = new ArrayList<>();
        for (Map<String, String> some : overrides) {
            some.forEach((key, value) -> all.add(ConfigOverride.config(service, key, value)));
        }
        DropwizardTestSupport<C> support = new DropwizardTestSupport<>(
                app, HOSTED.resolve(service + ".yml").toString(), service, all.toArray(ConfigOverride[]::new));
        running.add(support);
        support.before();
        return support;
    }

    /**
     * What the service answers a report body sent at 1 byte a second (the penetration test pinned a
     * worker thread per such connection): the answer, or what happened instead.
     */
    private static String slowBodyAnswer(int port, String token) throws Exception {
        return RawHttp.trickle(
                port,
                "POST /api/report HTTP/1.1\r\nHost: localhost\r\nAuthorization: Scope-Probe token=" + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n{",
                Duration.ofSeconds(1),
                Duration.ofSeconds(25));
    }

    /**
     * What query answers a sign-in (a wrong password) whose first 10 bytes come 300 ms before the
     * rest. Jetty's own check (1 KiB/s since the application's first read) answered 408 to this
     * 60-byte body.
     */
    private static String pausedBodyAnswer(int port) throws Exception {
        byte[] body = "{\"email\":\"nobody@example.com\",\"password\":\"not the password\"}"
                .getBytes(StandardCharsets.US_ASCII);
        return RawHttp.sendWithPause(
                port,
                "POST /api/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + "Content-Length: "
                        + body.length + "\r\nConnection: close\r\n\r\n",
                body,
                10,
                Duration.ofMillis(300));
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
