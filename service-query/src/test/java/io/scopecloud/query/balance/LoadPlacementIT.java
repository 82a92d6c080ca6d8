package io.scopecloud.query.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.kafka.ReportRecord;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.owner.Ownership;
import io.scopecloud.query.window.HeldPartitions;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.query.window.ReportConsumer;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.testing.TestInfrastructure;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two query instances' real consumers on a real broker, with placement by weight: one org posts
 * far more than the eleven others together, and its partition ends up alone on one instance, the
 * eleven others on the other, moved cooperatively (no partition ever held by both at once).
 */
class LoadPlacementIT {
    private static final int PARTITIONS = 12;
    private static final Duration WITHIN = Duration.ofSeconds(90);

    private final ScheduledExecutorService probes = Executors.newScheduledThreadPool(2);
    private final List<ReportConsumer> consumers = new ArrayList<>();
    private final List<HeldPartitions> held = new ArrayList<>();
    private final List<LoadPlacement> placements = new ArrayList<>();
    private KafkaFactory kafka;
    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void start() {
        TestInfrastructure infra = TestInfrastructure.shared();
        kafka = new KafkaFactory();
        kafka.setBootstrapServers(infra.bootstrapServers());
        kafka.setReportsTopic(infra.newTopic("placement", PARTITIONS));
        producer = new KafkaProducer<>(kafka.producerProperties("load-placement-it"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        probes.shutdownNow();
        probes.awaitTermination(5, TimeUnit.SECONDS);
        for (ReportConsumer c : consumers) {
            c.stop();
        }
        producer.close();
    }

    private void startInstance(String group, int n) {
        HeldPartitions h = new HeldPartitions();
        LoadPlacement placement = new LoadPlacement(Duration.ofSeconds(3), Duration.ofMinutes(1), 1024);
        ReportConsumer consumer = new ReportConsumer(
                kafka,
                group,
                Ownership.clientId(URI.create("http://instance-" + n + ":1")),
                new OrgWindows(Duration.ofSeconds(15), Duration.ofMillis(250), Clock.systemUTC()),
                h,
                Clock.systemUTC(),
                () -> {},
                placement);
        consumer.start();
        consumers.add(consumer);
        held.add(h);
        placements.add(placement);
    }

    /** One org for each partition, by Kafka's partitioner of the org's id. */
    private static UUID[] orgPerPartition() {
        UUID[] orgs = new UUID[PARTITIONS];
        int found = 0;
        while (found < PARTITIONS) {
            UUID org = UUID.randomUUID();
            int p = Ownership.partition(org, PARTITIONS);
            if (orgs[p] == null) {
                orgs[p] = org;
                found++;
            }
        }
        return orgs;
    }

    private void post(UUID org, byte[] report) {
        producer.send(new ReportRecord(org, "probe-" + org, "test", Instant.now(), false, report)
                .toProducerRecord(kafka.getReportsTopic()));
    }

    @Test
    void aHeavyOrgsPartitionEndsUpAloneOnOneInstanceWithoutEverBeingHeldTwice() throws Exception {
        String group = "placement-" + UUID.randomUUID();
        UUID[] orgs = orgPerPartition();
        int heavy = 5;
        byte[] report = CompactReportCodec.encode(
                Fixtures.report("api_report.json").withTs(Instant.now()).withId(Report.randomId()));
        // a third of all the bytes, as the end-to-end bench's big org (300 of 1,000 probes)
        probes.scheduleAtFixedRate(() -> post(orgs[heavy], report), 0, 200, TimeUnit.MILLISECONDS);
        probes.scheduleAtFixedRate(
                () -> {
                    for (int p = 0; p < PARTITIONS; p++) {
                        if (p != heavy) {
                            post(orgs[p], report);
                        }
                    }
                },
                0,
                1_000,
                TimeUnit.MILLISECONDS);
        startInstance(group, 0);
        startInstance(group, 1);

        AtomicInteger heldTwice = new AtomicInteger();
        long deadline = System.nanoTime() + WITHIN.toNanos();
        boolean isolated = false;
        while (!isolated && System.nanoTime() < deadline) {
            for (UUID org : orgs) {
                if (held.get(0).holds(org) && held.get(1).holds(org)) {
                    heldTwice.incrementAndGet();
                }
            }
            isolated = isolated(orgs, heavy, 0) || isolated(orgs, heavy, 1);
            Thread.sleep(20);
        }

        assertThat(isolated)
                .as("org %s's partition alone on one instance, every other on the other", heavy)
                .isTrue();
        assertThat(heldTwice.get())
                .as("samples where both instances held one org's window")
                .isZero();
        assertThat(placements.get(0).moved() + placements.get(1).moved()).isPositive();
        assertThat(placements.stream().filter(LoadPlacement::isLeader)).hasSize(1);
    }

    private boolean isolated(UUID[] orgs, int heavy, int alone) {
        HeldPartitions mine = held.get(alone);
        HeldPartitions other = held.get(1 - alone);
        for (int p = 0; p < PARTITIONS; p++) {
            boolean expectMine = p == heavy;
            if (mine.holds(orgs[p]) != expectMine || other.holds(orgs[p]) == expectMine) {
                return false;
            }
        }
        return true;
    }
}
