package io.scopecloud.query.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.DropwizardTestSupport;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.kafka.ReportRecord;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.QueryConfiguration;
import io.scopecloud.query.owner.Ownership;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.testing.TestDatabase;
import io.scopecloud.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Query instances joining and leaving the consumer group while a user watches: the org moves
 * between instances, and every answer in between is the whole map (the hand-over is waited out,
 * never answered from an empty or half-read window), and a websocket on an instance that loses
 * the org is closed so the client reconnects to the new owner.
 */
class HandOverIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WITHIN = Duration.ofSeconds(60);

    private final List<DropwizardTestSupport<QueryConfiguration>> started = new ArrayList<>();
    private final ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor();
    private final Map<Org, String> tokens = new HashMap<>();
    private TestDatabase db;
    private TestInfrastructure infra;
    private Tenancy tenancy;
    private String topic;
    private String group;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void start() {
        infra = TestInfrastructure.shared();
        db = infra.newDatabase();
        topic = infra.newTopicName("reports");
        group = infra.newTopicName("query");
        tenancy = new Tenancy(Jdbi.create(db.jdbcUrl(), db.user(), db.password()), Clock.systemUTC(), Duration.ZERO);
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(infra.bootstrapServers());
        producer = new KafkaProducer<>(kafka.producerProperties("hand-over-it"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        probes.shutdownNow();
        probes.awaitTermination(5, TimeUnit.SECONDS);
        producer.close();
        started.forEach(DropwizardTestSupport::after);
    }

    private DropwizardTestSupport<QueryConfiguration> startInstance() throws Exception {
        DropwizardTestSupport<QueryConfiguration> app = QueryTestApp.create(db, infra, topic, 4, group);
        app.before();
        started.add(app);
        return app;
    }

    /** A probe of {@code org} reporting every second, as Scope's does. */
    private void reportEverySecond(Org org) {
        tokens.computeIfAbsent(
                org, o -> tenancy.probeTokens().issue(o.id(), "h", null).secret());
        probes.scheduleAtFixedRate(
                () -> {
                    Report report = Fixtures.report("api_report.json")
                            .withTs(Instant.now())
                            .withId(Report.randomId());
                    producer.send(new ReportRecord(
                                    org.id(),
                                    "3b0a37194325fdbc",
                                    "test",
                                    Instant.now(),
                                    false,
                                    CompactReportCodec.encode(report))
                            .toProducerRecord(topic));
                },
                0,
                1,
                TimeUnit.SECONDS);
    }

    private HttpResponse<String> hosts(DropwizardTestSupport<?> app, Org org) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + app.getLocalPort() + "/api/app/"
                                + org.externalId() + "/api/topology/hosts"))
                        .header("Authorization", "Bearer " + tokens.get(org))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI hostsSocket(DropwizardTestSupport<?> app, Org org) {
        return URI.create("ws://localhost:" + app.getLocalPort() + "/api/app/" + org.externalId()
                + "/api/topology/hosts/ws?t=1s");
    }

    private void awaitHost(DropwizardTestSupport<?> app, Org org) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        HttpResponse<String> r = hosts(app, org);
        while (!(r.statusCode() == 200 && r.body().contains("vm;"))) {
            assertThat(System.nanoTime())
                    .as("the host on the map within %s", WITHIN)
                    .isLessThan(deadline);
            Thread.sleep(200);
            r = hosts(app, org);
        }
    }

    /** Reads the hosts view from {@code app} for {@code period}: every answer must show the host. */
    private void watch(DropwizardTestSupport<?> app, Org org, Duration period) throws Exception {
        long end = System.nanoTime() + period.toNanos();
        int reads = 0;
        do {
            HttpResponse<String> r = hosts(app, org);
            assertThat(r.statusCode()).as("read %d: %s", reads, r.body()).isEqualTo(200);
            assertThat(r.body()).as("read %d", reads).contains("\"label\":\"vm\"");
            reads++;
            Thread.sleep(100);
        } while (System.nanoTime() < end);
    }

    @Test
    void anInstanceJoiningAndTheOwnerLeavingNeverShowAnEmptyMap() throws Exception {
        DropwizardTestSupport<QueryConfiguration> first = startInstance(); // migrates the database
        Org org = tenancy.orgs().create("Hand-over org");
        reportEverySecond(org);
        awaitHost(first, org);

        DropwizardTestSupport<QueryConfiguration> second = startInstance();
        watch(second, org, Duration.ofSeconds(8)); // forwarded to the first, then the group rebalances
        watch(first, org, Duration.ofSeconds(2));

        first.after(); // leaves the group: the second takes every partition and reads their windows
        started.remove(first);
        watch(second, org, Duration.ofSeconds(10));
    }

    @Test
    void aWebsocketOnAnInstanceThatLosesItsOrgIsClosedForTheClientToReconnect() throws Exception {
        DropwizardTestSupport<QueryConfiguration> first = startInstance();
        // one org on each of the 4 partitions, each watched over a websocket on the first instance
        Map<Integer, Org> byPartition = new HashMap<>();
        while (byPartition.size() < 4) {
            Org o = tenancy.orgs().create("Org " + byPartition.size());
            byPartition.putIfAbsent(Ownership.partition(o.id(), 4), o);
        }
        List<Org> orgs = List.copyOf(byPartition.values());
        orgs.forEach(this::reportEverySecond);
        Map<Org, TopologyFrames> sockets = new HashMap<>();
        for (Org o : orgs) {
            awaitHost(first, o);
            TopologyFrames frames = TopologyFrames.open(HTTP, hostsSocket(first, o), tokens.get(o));
            assertThat(frames.next(10)).contains("vm;");
            sockets.put(o, frames);
        }

        DropwizardTestSupport<QueryConfiguration> second = startInstance();
        URI secondUrl = URI.create("http://localhost:" + second.getLocalPort());
        KafkaFactory kafka = new KafkaFactory();
        kafka.setBootstrapServers(infra.bootstrapServers());
        kafka.setReportsTopic(topic);
        try (Ownership group = new Ownership(kafka, this.group, Clock.systemUTC())) {
            group.self(URI.create("http://test.invalid"));
            long deadline = System.nanoTime() + WITHIN.toNanos();
            while (orgs.stream().noneMatch(o -> group.remoteOwner(o.id()).equals(Optional.of(secondUrl)))) {
                assertThat(System.nanoTime())
                        .as("the second instance given partitions")
                        .isLessThan(deadline);
                Thread.sleep(200);
                group.invalidate();
            }
            for (Org o : orgs) {
                TopologyFrames frames = sockets.get(o);
                if (group.remoteOwner(o.id()).equals(Optional.of(secondUrl))) {
                    assertThat(frames.awaitClose(Duration.ofSeconds(10)))
                            .as("the socket of an org that moved")
                            .hasValue(1012);
                    watch(first, o, Duration.ofSeconds(1)); // forwarded to its new owner
                } else {
                    assertThat(frames.awaitClose(Duration.ofSeconds(2))).isEmpty();
                    assertThat(frames.next(10))
                            .as("frames for an org that stayed")
                            .isNotNull();
                }
                frames.close();
            }
        }
    }
}
