package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.kafka.ReportRecord;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.QueryConfiguration;
import io.scopecloud.query.TestReports;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Time travel on real Kafka: with a 2 s window, a report that left the live window long ago is
 * still what {@code timestamp=} shows, read back from the topic, over HTTP and the websocket.
 */
class TimeTravelIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static DropwizardTestSupport<QueryConfiguration> app;
    private static KafkaProducer<String, byte[]> producer;
    private static String topic;
    private static Org org;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        TestInfrastructure infra = TestInfrastructure.shared();
        TestDatabase db = infra.newDatabase();
        topic = infra.newTopicName("reports");
        app = QueryTestApp.create(
                db, infra, topic, 2, infra.newTopicName("query"), ConfigOverride.config("query.window", "2s"));
        app.before();
        Tenancy tenancy =
                new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
        org = tenancy.orgs().create("Time travel org");
        token = tenancy.probeTokens().issue(org.id(), "t", null).secret();
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(infra.bootstrapServers());
        producer = new KafkaProducer<>(kafka.producerProperties("time-travel-it"));
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

    private static void publish(String hostname) throws Exception {
        Instant now = Instant.now();
        Report r = TestReports.oneHost(hostname, now);
        producer.send(new ReportRecord(org.id(), "probe-" + hostname, "test", now, false, CompactReportCodec.encode(r))
                        .toProducerRecord(topic))
                .get(10, TimeUnit.SECONDS);
    }

    private static String hosts(String query) throws Exception {
        HttpResponse<String> response = getHosts(query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> getHosts(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + "/api/app/"
                        + org.externalId() + "/api/topology/hosts" + query))
                .header("Authorization", "Bearer " + token)
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesTimestampsOlderThanTheTopicKeepsWith400() throws Exception {
        for (String old : List.of("1970-01-01T00:00:00Z", "1969-07-20T20:17:40Z", "-999999999-01-01T00:00:00Z")) {
            HttpResponse<String> response = getHosts("?timestamp=" + URLEncoder.encode(old, StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(old + ": " + response.body()).isEqualTo(400);
            assertThat(response.body()).as(old).contains("older than the reports kept");
        }
        URI ws = URI.create("ws://localhost:" + app.getLocalPort() + "/api/app/" + org.externalId()
                + "/api/topology/hosts/ws?timestamp=1970-01-01T00:00:00Z");
        assertThatThrownBy(() -> HTTP.newWebSocketBuilder()
                        .header("Authorization", "Bearer " + token)
                        .buildAsync(ws, new WebSocket.Listener() {})
                        .join())
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause())
                                .getResponse()
                                .statusCode())
                        .isEqualTo(400));
    }

    private static String at(Instant t) {
        return "?timestamp=" + URLEncoder.encode(t.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void servesTheWindowAsItWasAtAnOlderTimestamp() throws Exception {
        // The consumer must own the partitions before the first report, or it would skip it.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        publish("warmup");
        while (!hosts("").contains("warmup;")) {
            assertThat(System.nanoTime())
                    .as("the live view never showed the first report")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(2_500); // the warm-up report leaves even a rebuilt window
        publish("past");
        Thread.sleep(1_000);
        Instant then = Instant.now();
        Thread.sleep(3_000); // "past" is out of the 2 s live window, and "then" older than it
        publish("present");
        while (!hosts("").contains("present;")) {
            assertThat(System.nanoTime())
                    .as("the live view never showed the new report")
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(hosts("")).doesNotContain("past;");

        String history = hosts(at(then));
        assertThat(history)
                .contains("\"past;\\u003chost\\u003e\"")
                .doesNotContain("present;")
                .doesNotContain("warmup;");
        assertThat(hosts(at(Instant.now())))
                .as("a timestamp inside the live window is the live view")
                .contains("present;");
        assertThat(hosts(at(then.minusSeconds(3600)))).isEqualTo("{\"nodes\":{}}");

        TopologyFrames frames = TopologyFrames.open(
                HTTP,
                URI.create("ws://localhost:" + app.getLocalPort() + "/api/app/" + org.externalId()
                        + "/api/topology/hosts/ws" + at(then) + "&t=10s"),
                token);
        JsonNode reset = Fixtures.JSON.readTree(frames.next(15));
        assertThat(reset.get("reset").asBoolean()).isTrue();
        assertThat(reset.get("add").toString()).contains("past;<host>").doesNotContain("present;");
        frames.close();
    }
}
