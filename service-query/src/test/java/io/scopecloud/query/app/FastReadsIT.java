package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.kafka.ReportRecord;
import io.scopecloud.ops.Meters;
import io.scopecloud.ops.OpsBundle;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.QueryConfiguration;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link FastReads} against real PostgreSQL and Kafka: every hot read it answers in front of Jersey is answered with
 * Jersey's status, headers and bytes, plain and gzipped, counted in the same request metrics; callers Jersey refuses are
 * refused the same way. Which path answered is told by {@code scope_query_fast_reads_total}.
 */
class FastReadsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** An {@code Accept} that Jersey answers with JSON but that the fast path leaves to Jersey's negotiation. */
    private static final String JERSEY_ONLY = "application/json, text/html;q=0";

    private static final List<String> HOT = List.of(
            "",
            "/topology",
            "/topology/processes",
            "/topology/processes?unconnected=hide",
            "/topology/processes-by-name",
            "/topology/hosts",
            "/topology/processes/vm%3B16071",
            "/topology/hosts/vm%3B%3Chost%3E",
            "/report",
            "/probes");

    private static DropwizardTestSupport<QueryConfiguration> app;
    private static KafkaProducer<String, byte[]> producer;
    private static String topic;
    private static Tenancy tenancy;
    private static Org org;
    private static String token;
    private static String otherToken;
    private static String viewerSession;

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        topic = infra.newTopicName("reports");
        // a window long enough that the snapshot changes only when the test publishes
        app = QueryTestApp.create(
                db, infra, topic, 1, infra.newTopicName("query"), ConfigOverride.config("query.window", "10m"));
        app.before();
        tenancy = new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
        org = tenancy.orgs().create("Fast org");
        token = tenancy.probeTokens().issue(org.id(), "f", null).secret();
        Org other = tenancy.orgs().create("Other org");
        otherToken = tenancy.probeTokens().issue(other.id(), "o", null).secret();
        viewerSession = tenancy.sessions().start(person(org, Role.VIEWER)).cookieValue();

        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(infra.bootstrapServers());
        producer = new KafkaProducer<>(kafka.producerProperties("fast-reads-it"));
        publish(org, Fixtures.report("api_report.json").withTs(Instant.now()).withId(Report.randomId()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!new String(
                        get(api("/topology/hosts"), "Bearer " + token, null, null)
                                .body(),
                        StandardCharsets.UTF_8)
                .contains("vm;")) {
            assertThat(System.nanoTime())
                    .as("the org's report is shown within 30 s")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (app != null) {
            app.after();
        }
    }

    private static UUID person(Org in, Role role) {
        UUID user = UUID.randomUUID();
        tenancy.jdbi()
                .useHandle(h ->
                        h.execute("INSERT INTO users (id, email) VALUES (?, ?)", user, "p-" + user + "@example.com"));
        tenancy.members().add(in.id(), user, role);
        return user;
    }

    private static void publish(Org to, Report report) throws Exception {
        producer.send(new ReportRecord(
                                to.id(),
                                "3b0a37194325fdbc",
                                "test",
                                Instant.now(),
                                false,
                                CompactReportCodec.encode(report))
                        .toProducerRecord(topic))
                .get(10, TimeUnit.SECONDS);
    }

    private static String api(String path) {
        return "/api/app/" + org.externalId() + "/api" + path;
    }

    private static HttpResponse<byte[]> get(String path, String authorization, String accept, String encoding) {
        return get(path, authorization, null, accept, encoding);
    }

    private static HttpResponse<byte[]> get(
            String path, String authorization, String cookie, String accept, String encoding) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + path));
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            if (accept != null) {
                b.header("Accept", accept);
            }
            if (encoding != null) {
                b.header("Accept-Encoding", encoding);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The service's meter registry, the one its operator's {@code /metrics} serves. */
    private static MeterRegistry meters() {
        return Meters.of(app.getEnvironment());
    }

    private static double fastReads() {
        return meters().find("scope.query.fast.reads").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Fast reads whose answer was {@code ready}, {@code computing} or {@code absent} when they came. */
    private static double fastReads(String answer) {
        return meters().find("scope.query.fast.reads").tag("answer", answer).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    /** Jersey's request timer of {@code route} with status 200: one series whichever path answered. */
    private static long requests(String route) {
        return meters().find(OpsBundle.HTTP_REQUESTS).tags("uri", route, "status", "200").timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    /**
     * The headers a client sees, less the clock and the framing: Jersey sends a body past its buffer chunked, the fast
     * path always with its length (checked apart).
     */
    private static Map<String, List<String>> headers(HttpResponse<?> r) {
        Map<String, List<String>> h = new TreeMap<>(r.headers().map());
        h.remove("date");
        h.remove("content-length");
        h.remove("transfer-encoding");
        return h;
    }

    @Test
    void answersEveryHotReadWithJerseysStatusHeadersAndBytes() throws Exception {
        for (String encoding : new String[] {null, "gzip"}) {
            for (String path : HOT) {
                String what = path + " (Accept-Encoding " + encoding + ")";
                double before = fastReads();
                HttpResponse<byte[]> jersey = get(api(path), "Bearer " + token, JERSEY_ONLY, encoding);
                assertThat(fastReads()).as(what + " through Jersey").isEqualTo(before);
                HttpResponse<byte[]> fast = get(api(path), "Bearer " + token, null, encoding);
                assertThat(fastReads()).as(what + " in front of Jersey").isEqualTo(before + 1);

                assertThat(jersey.statusCode()).as(what).isEqualTo(200);
                assertThat(fast.statusCode()).as(what).isEqualTo(200);
                assertThat(headers(fast)).as(what).isEqualTo(headers(jersey));
                assertThat(fast.body()).as(what).isEqualTo(jersey.body());
                assertThat(fast.headers().firstValueAsLong("Content-Length"))
                        .as(what)
                        .hasValue(fast.body().length);
                assertThat(fast.headers().firstValue("Cache-Control")).as(what).hasValue("no-cache, no-store");
                assertThat(fast.headers().firstValue("Content-Type")).as(what).hasValue("application/json");
            }
        }
        assertThat(get(api("/report"), "Bearer " + token, null, "gzip")
                        .headers()
                        .firstValue("Content-Encoding"))
                .as("the report is gzipped once and sent so")
                .hasValue("gzip");
    }

    @Test
    void countsFastAnswersInJerseysRequestMetricsUnderTheirRoute() throws Exception {
        String route = AppApiResource.TOPOLOGY_ROUTE;
        get(api("/topology/hosts"), "Bearer " + token, null, null);
        long before = requests(route);
        assertThat(meters().find(OpsBundle.HTTP_REQUESTS).tags("uri", route).timers())
                .as("Jersey names the route so")
                .isNotEmpty();
        double fastBefore = fastReads();
        double readyBefore = fastReads("ready");
        for (int i = 0; i < 5; i++) {
            assertThat(get(api("/topology/hosts"), "Bearer " + token, null, null)
                            .statusCode())
                    .isEqualTo(200);
        }
        assertThat(fastReads()).isEqualTo(fastBefore + 5);
        assertThat(fastReads("ready"))
                .as("no report since the first read: each found the snapshot's answer computed")
                .isEqualTo(readyBefore + 5);
        assertThat(requests(route))
                .as("one series per route, whichever path answered")
                .isEqualTo(before + 5);
    }

    @Test
    void aSignedInMemberReadsFastWithTheSessionCookie() throws Exception {
        get(api("/topology/hosts"), "Bearer " + token, null, null);
        double before = fastReads();
        HttpResponse<byte[]> r =
                get(api("/topology/hosts"), null, "theme=dark; scope_session=" + viewerSession, null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("vm;");
        assertThat(fastReads()).isEqualTo(before + 1);
    }

    @Test
    void refusesWhomJerseyRefusesWithTheSameStatusAndBody() throws Exception {
        String known = api("/topology/hosts");
        get(known, "Bearer " + token, null, null);

        Org strict = tenancy.orgs().create("Strict org");
        String strictToken = tenancy.probeTokens().issue(strict.id(), "s", null).secret();
        UUID lax = person(strict, Role.VIEWER);
        String laxSession = tenancy.sessions().start(lax).cookieValue();
        tenancy.jdbi().useHandle(h -> h.execute("UPDATE orgs SET require_two_factor = true WHERE id = ?", strict.id()));
        String strictHosts = "/api/app/" + strict.externalId() + "/api/topology/hosts";
        assertThat(get(strictHosts, "Bearer " + strictToken, null, null).statusCode())
                .isEqualTo(200);

        double before = fastReads();
        record Refused(String path, String authorization, String cookie, int status) {}
        List<Refused> refused = List.of(
                new Refused(known, null, null, 401),
                new Refused(known, "Bearer not-a-token", null, 404),
                new Refused(known, "Bearer " + otherToken, null, 404),
                new Refused(known, null, "scope_session=expired", 401),
                new Refused(strictHosts, null, "scope_session=" + laxSession, 403),
                new Refused(api("/topology/hosts/vm%3Bnowhere"), "Bearer " + token, null, 404),
                new Refused(api("/topology/hosts?system=bogus"), "Bearer " + token, null, 400));
        for (Refused r : refused) {
            HttpResponse<byte[]> first = get(r.path(), r.authorization(), r.cookie(), null, null);
            HttpResponse<byte[]> again = get(r.path(), r.authorization(), r.cookie(), null, null);
            assertThat(first.statusCode()).as(r.toString()).isEqualTo(r.status());
            assertThat(again.statusCode()).as(r.toString()).isEqualTo(r.status());
            assertThat(again.body()).as(r.toString()).isEqualTo(first.body());
            assertThat(new String(first.body(), StandardCharsets.UTF_8))
                    .as("a bare JSON string, as Scope's app answers: " + r)
                    .startsWith("\"");
        }
        assertThat(fastReads()).as("none of them answered in front of Jersey").isEqualTo(before);
    }

    @Test
    void computesTheReadsAskedRecentlyWhenAReportArrives() throws Exception {
        String hosts = api("/topology/hosts?system=application");
        assertThat(get(hosts, "Bearer " + token, null, null).statusCode()).isEqualTo(200);
        long renders = renders("hosts");

        publish(org, Fixtures.report("api_report.json").withTs(Instant.now()).withId(Report.randomId()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (renders("hosts") == renders) {
            assertThat(System.nanoTime())
                    .as("the hosts view rendered for the new report with no request")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
        long ahead = renders("hosts");
        double fast = fastReads();
        assertThat(get(hosts, "Bearer " + token, null, null).statusCode()).isEqualTo(200);
        assertThat(fastReads()).isEqualTo(fast + 1);
        assertThat(renders("hosts")).as("the request found it rendered").isEqualTo(ahead);
    }

    @Test
    void aWebsocketAndTheReadsOfOneViewRenderItOncePerSnapshot() throws Exception {
        // a view no other test here reads, so that only this test's viewers render it
        String view = "containers";
        assertThat(get(api("/topology/" + view), "Bearer " + token, null, null).statusCode())
                .isEqualTo(200);
        try (TopologyFrames socket = TopologyFrames.open(
                HTTP,
                URI.create("ws://localhost:" + app.getLocalPort() + api("/topology/" + view + "/ws?t=10s")),
                token)) {
            assertThat(socket.next(10)).as("the reset frame").contains("\"reset\":true");
            long before = renders(view);

            publish(
                    org,
                    Fixtures.report("api_report.json").withTs(Instant.now()).withId(Report.randomId()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (renders(view) == before) {
                assertThat(System.nanoTime()).as("the new snapshot rendered").isLessThan(deadline);
                Thread.sleep(20);
            }
            // the push (woken by the report), the reads computed ahead and a GET all had their turn
            Thread.sleep(1_500);
            assertThat(get(api("/topology/" + view), "Bearer " + token, null, "gzip")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(get(api("/topology/" + view), "Bearer " + token, null, null)
                            .statusCode())
                    .isEqualTo(200);

            // the socket's t=10s makes its options Scope's defaults, the GETs' none: the render is still one
            assertThat(renders(view))
                    .as("the websocket's push, the read computed ahead and the GETs share one render")
                    .isEqualTo(before + 1);
        }
    }

    private static long renders(String view) {
        return meters().find("scope.query.render").tags("view", view).timers().stream()
                .mapToLong(Timer::count)
                .sum();
    }

    @Test
    void leavesMsgpackAndTimeTravelToJersey() throws Exception {
        get(api("/report"), "Bearer " + token, null, null);
        double before = fastReads();
        HttpResponse<byte[]> msgpack = get(api("/report"), "Bearer " + token, "application/msgpack", null);
        assertThat(msgpack.statusCode()).isEqualTo(200);
        assertThat(msgpack.headers().firstValue("Content-Type")).hasValue("application/msgpack");
        String past = api("/topology/hosts?timestamp=" + Instant.now().minusSeconds(1));
        get(past, "Bearer " + token, null, null);
        assertThat(get(past, "Bearer " + token, null, null).statusCode()).isEqualTo(200);
        assertThat(fastReads()).isEqualTo(before);
    }
}
