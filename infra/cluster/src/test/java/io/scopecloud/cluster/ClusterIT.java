package io.scopecloud.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.cluster.Fleet.Loss;
import io.scopecloud.cluster.Fleet.Tenant;
import io.scopecloud.cluster.ScopeClient.Read;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The production shape on one machine under faults (issue 15, parts 3 and 4): two orgs with 50
 * probes between them (three real Java probes, the rest simulated) post through HAProxy to two
 * ingest instances, two query and two control instances read and act, on three Kafka brokers and
 * one PostgreSQL server, each on a host of its own; then, each while reports flow, one thing fails.
 * Numbers go to {@code target/cluster-report.txt} (and the console).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class ClusterIT {
    private static final Duration WINDOW = Duration.ofSeconds(15);
    private static final String PASSWORD = "cluster-test-password-1";

    private ClusterReport report;
    private ScopeCluster cluster;
    private ScopeClient client;
    private Fleet fleet;
    private final List<JavaProbe> javaProbes = new ArrayList<>();
    private final Map<JavaProbe, String> probeIds = new HashMap<>();
    private final Map<JavaProbe, Tenant> probeTenants = new HashMap<>();
    private SimulatedProbes simulated;
    private long started;

    @BeforeAll
    void startCluster() throws Exception {
        started = System.nanoTime();
        requireRoot();
        Path target = Path.of("target");
        Path work = Path.of(System.getProperty("scopecloud.test.work", "target/it-work"))
                .resolve("cluster")
                .toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        report = new ClusterReport(target.toAbsolutePath().resolve("cluster-report.txt"));
        Runtime.getRuntime().addShutdownHook(new Thread(NetworkHosts::cleanUpLeftovers, "cluster-cleanup"));
        Path configDir = Path.of(
                        ClusterIT.class.getResource("/hosted/query.yml").toURI())
                .getParent();
        cluster = ScopeCluster.start(work, configDir, report);
        try {
            client = new ScopeClient(cluster.proxyUri());
            long t = System.nanoTime();
            String run = Long.toString(System.currentTimeMillis(), 36);
            ScopeClient.Owner a = client.signUp("a-" + run + "@example.com", PASSWORD, "Cluster A");
            ScopeClient.Owner b = client.signUp("b-" + run + "@example.com", PASSWORD, "Cluster B");
            Tenant tenantA = new Tenant(a, client.createToken(a, "cluster"), "a", Set.of("probe1", "probe2"));
            Tenant tenantB = new Tenant(b, client.createToken(b, "cluster"), "b", Set.of("probe3"));
            fleet = new Fleet(client, List.of(tenantA, tenantB));
            report.timing("two orgs signed up through the proxy", t);

            t = System.nanoTime();
            for (int i = 1; i <= 3; i++) {
                Tenant tenant = i < 3 ? tenantA : tenantB;
                JavaProbe probe = JavaProbe.start("probe" + i, cluster.proxyUri(), tenant.token(), work);
                javaProbes.add(probe);
                probeTenants.put(probe, tenant);
            }
            for (JavaProbe probe : javaProbes) {
                probeIds.put(probe, probe.awaitFirstReport(Duration.ofSeconds(120)));
            }
            report.timing("three real Java probes reporting", t);
            simulated = new SimulatedProbes(
                    cluster.proxyUri(),
                    List.of(
                            new SimulatedProbes.Org(tenantA.org(), "a", tenantA.token(), 24),
                            new SimulatedProbes.Org(tenantB.org(), "b", tenantB.token(), 23)));
            report.line("probes: org A 2 real + 24 simulated, org B 1 real + 23 simulated (50), one post per"
                    + " simulated probe every " + SimulatedProbes.INTERVAL.toSeconds() + " s");
            Thread.sleep(WINDOW.toMillis());
            report.timing("cluster up, windows full (total start)", started);
        } catch (Exception | Error e) {
            report.line("start failed: " + e.getMessage());
            System.out.println(cluster.tails());
            stop();
            throw e;
        }
    }

    @AfterAll
    void stop() {
        if (simulated != null) {
            simulated.close();
            simulated = null;
        }
        javaProbes.forEach(JavaProbe::close);
        javaProbes.clear();
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
        if (report != null && fleet != null) {
            report.line(
                    "throughout: %d reads checked, %d nodes of another org seen %s",
                    fleet.readsChecked(), fleet.leaks(), fleet.leakExamples());
            report.timing("whole test", started);
        }
    }

    @Test
    @Order(1)
    void theClusterServesBothOrgsThroughTheProxyAndKeepsThemApart() throws Exception {
        for (Tenant tenant : fleet.tenants()) {
            Read live = fleet.read(tenant, null);
            assertThat(live.status()).as(live.body()).isEqualTo(200);
            for (String host : tenant.realHosts()) {
                assertThat(live.nodes()).contains(host + ";<host>");
            }
            assertThat(live.nodes()).anyMatch(n -> n.startsWith("sim-" + tenant.tag() + "-"));
        }
        // the internal API never leaves the cluster
        HttpResponse<String> internal = client.get("/internal/control/x/y", Map.of(), Duration.ofSeconds(5));
        assertThat(internal.statusCode()).isEqualTo(404);
        assertThat(fleet.leaks()).as(fleet.leakExamples().toString()).isZero();
    }

    @Test
    @Order(2)
    void killingAnIngestInstanceLosesNoAcknowledgedReport() throws Exception {
        Instant from = Instant.now();
        Thread.sleep(5_000);
        ServiceProcess victim = cluster.ingest.get(0);
        long kill = System.nanoTime();
        victim.kill();
        Instant killedAt = Instant.now();
        Thread.sleep(12_000);
        victim.start().awaitReady(Duration.ofSeconds(120));
        double back = (System.nanoTime() - kill) / 1e9;
        Thread.sleep(3_000);
        Instant to = Instant.now();
        Map<Integer, Long> statuses = simulated.statuses(from, to);
        Map<Integer, Long> afterKill = simulated.statuses(killedAt, to);
        Loss loss = fleet.lostReports(simulated.posts(), from, to, WINDOW);
        report.line(
                "fault kill -9 ingest: posts %s (after the kill %s); %d acknowledged, %d lost, %d time-travel"
                        + " reads; killed instance ready again %.1f s after the kill",
                Fleet.describe(statuses),
                Fleet.describe(afterKill),
                loss.acknowledged(),
                loss.lost().size(),
                loss.reads(),
                back);
        assertThat(loss.acknowledged()).isGreaterThan(100);
        assertThat(loss.lost())
                .as("acknowledged reports missing from the time-travel reads")
                .isEmpty();
        assertThat(fleet.leaks()).as(fleet.leakExamples().toString()).isZero();
    }

    @Test
    @Order(3)
    void killingTheQueryInstanceOwningAnOrgMovesItsFullWindowToTheOther() throws Exception {
        Tenant tenant = fleet.tenants().get(0);
        ServiceProcess owner = queryOwner(tenant.org());
        ServiceProcess other =
                cluster.query.stream().filter(q -> q != owner).findFirst().orElseThrow();
        Instant from = Instant.now();
        List<long[]> errors = new ArrayList<>(); // [ms after the kill, status]
        Thread.sleep(3_000);
        long kill = System.nanoTime();
        owner.kill();
        Instant killedAt = Instant.now();
        double markedDown = -1;
        double fullWindow = -1;
        int reads = 0;
        while ((System.nanoTime() - kill) < Duration.ofSeconds(30).toNanos() && (fullWindow < 0 || markedDown < 0)) {
            double at = (System.nanoTime() - kill) / 1e9;
            if (markedDown < 0
                    && cluster.proxy
                            .serverStates()
                            .getOrDefault("query/" + owner.name(), "")
                            .startsWith("DOWN")) {
                markedDown = at;
            }
            Instant now = Instant.now();
            Read read = fleet.read(tenant, null);
            reads++;
            if (read.status() >= 500 || read.status() == 0) {
                errors.add(new long[] {(long) (at * 1000), read.status()});
            } else if (fullWindow < 0 && read.status() == 200) {
                Set<String> expected = Fleet.expectedWindow(simulated.posts(), tenant, now);
                if (read.nodes().containsAll(expected) && !expected.isEmpty() && ownerNow(tenant.org()) == other) {
                    fullWindow = (System.nanoTime() - kill) / 1e9;
                }
            }
            Thread.sleep(200);
        }
        String errorText =
                errors.stream().map(e -> e[1] + "@" + e[0] + "ms").toList().toString();
        report.line(
                "fault kill -9 query owner (%s): proxy marked it down after %.1f s; the other (%s) answered"
                        + " the full window after %.1f s; %d UI reads, 5xx/no answer: %s",
                owner.name(), markedDown, other.name(), fullWindow, reads, errorText);
        owner.start().awaitReady(Duration.ofSeconds(120));
        cluster.proxy.awaitAllUp(Duration.ofSeconds(30));
        Instant to = Instant.now();
        Loss loss = fleet.lostReports(simulated.posts(), from, to, WINDOW);
        report.line(
                "  posts during it %s; %d acknowledged, %d lost",
                Fleet.describe(simulated.statuses(from, to)),
                loss.acknowledged(),
                loss.lost().size());
        assertThat(fullWindow)
                .as("seconds until the other instance answered the full window")
                .isBetween(0.0, 15.0);
        assertThat(markedDown).as("the proxy marked the killed instance down").isGreaterThanOrEqualTo(0.0);
        double down = markedDown;
        assertThat(errors)
                .as("5xx after the proxy marked the instance down (%.1f s): %s", down, errorText)
                .allMatch(e -> e[0] / 1000.0 <= down + 1.0);
        assertThat(loss.lost()).isEmpty();
        assertThat(fleet.leaks()).as(fleet.leakExamples().toString()).isZero();
        assertThat(killedAt).isBefore(to);
    }

    @Test
    @Order(4)
    void killingAControlInstanceMovesItsProbesAndControlsWorkAgainWithin30s() throws Exception {
        for (JavaProbe probe : javaProbes) {
            HttpResponse<String> ok = awaitControl(probe, Duration.ofSeconds(30));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
        Map<String, String> before = controlLocations();
        String victimUrl = before.get(probeIds.get(javaProbes.get(0)));
        ServiceProcess victim = cluster.control.stream()
                .filter(c -> c.advertisedUrl().equals(victimUrl))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no control instance at " + victimUrl + ": " + before));
        long kill = System.nanoTime();
        victim.kill();
        List<String> results = new ArrayList<>();
        List<CompletableFuture<Double>> each = new ArrayList<>();
        for (JavaProbe probe : javaProbes) {
            each.add(CompletableFuture.supplyAsync(() -> {
                HttpResponse<String> r = awaitControl(probe, Duration.ofSeconds(30));
                return r.statusCode() == 200 ? (System.nanoTime() - kill) / 1e9 : -1.0;
            }));
        }
        for (int i = 0; i < javaProbes.size(); i++) {
            results.add(javaProbes.get(i).host() + " "
                    + String.format("%.1f s", each.get(i).get(60, TimeUnit.SECONDS)));
        }
        Map<String, String> after = controlLocations();
        report.line(
                "fault kill -9 control (%s, held %d of 3 real probes): a control on each succeeded after %s;"
                        + " probes now on %s",
                victim.name(),
                before.values().stream().filter(victimUrl::equals).count(),
                results,
                after.values());
        victim.start().awaitReady(Duration.ofSeconds(120));
        cluster.proxy.awaitAllUp(Duration.ofSeconds(30));
        for (CompletableFuture<Double> f : each) {
            assertThat(f.get())
                    .as("seconds until a control succeeded: %s", results)
                    .isBetween(0.0, 30.0);
        }
    }

    /** Runs the test plugin's ping on {@code probe}'s host until it answers 200 or {@code timeout} passes. */
    private HttpResponse<String> awaitControl(JavaProbe probe, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = client.control(
                        probeTenants.get(probe).owner(), probeIds.get(probe), probe.hostNodeId(), JavaProbe.PING);
                if (last.statusCode() == 200) {
                    return last;
                }
            } catch (RuntimeException e) {
                // the proxy's connection dropped with the instance: try again
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (last == null) {
            throw new AssertionError("no answer to a control on " + probe.host());
        }
        return last;
    }

    /** probe id → the URL of the control instance holding its websocket (the registry in PostgreSQL). */
    private Map<String, String> controlLocations() throws Exception {
        Map<String, String> where = new HashMap<>();
        try (Connection c = cluster.postgres.connect(PostgresServer.USER, PostgresServer.DATABASE);
                PreparedStatement s = c.prepareStatement("SELECT probe_id, instance_url FROM probe_connections");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                where.put(r.getString(1), r.getString(2));
            }
        }
        return where;
    }

    /** The query instance that owns {@code org} now: the group member assigned its partition (ADR 5). */
    private ServiceProcess queryOwner(String org) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceProcess owner = ownerNow(org);
            if (owner != null) {
                return owner;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no query instance owns " + org);
    }

    private ServiceProcess ownerNow(String org) throws Exception {
        int partition = Utils.toPositive(Utils.murmur2(orgUuid(org).getBytes(StandardCharsets.UTF_8)))
                % ScopeCluster.PARTITIONS;
        try (Admin admin = cluster.kafka.admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("scope-query"))
                    .all()
                    .get(20, TimeUnit.SECONDS)
                    .get("scope-query");
            for (MemberDescription m : group.members()) {
                if (m.assignment()
                        .topicPartitions()
                        .contains(new TopicPartition(ScopeCluster.REPORTS_TOPIC, partition))) {
                    String url = m.clientId().substring(m.clientId().indexOf('@') + 1);
                    return cluster.query.stream()
                            .filter(q -> q.advertisedUrl().equals(url))
                            .findFirst()
                            .orElse(null);
                }
            }
        }
        return null;
    }

    private final Map<String, String> orgUuids = new HashMap<>();

    private String orgUuid(String org) throws Exception {
        String known = orgUuids.get(org);
        if (known != null) {
            return known;
        }
        try (Connection c = cluster.postgres.connect(PostgresServer.USER, PostgresServer.DATABASE);
                PreparedStatement s = c.prepareStatement("SELECT id FROM orgs WHERE external_id = ?")) {
            s.setString(1, org);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new AssertionError("no org " + org + " in PostgreSQL");
                }
                orgUuids.put(org, r.getString(1));
                return r.getString(1);
            }
        }
    }

    private static void requireRoot() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("the cluster test creates network namespaces and needs root (CI runs as root)");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/ip")) && !Files.isExecutable(Path.of("/sbin/ip"))) {
            throw new AssertionError(
                    "the cluster test needs iproute2: `apt-get install -y iproute2` (.ci/test installs it)");
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            Shell.run("rm", "-rf", dir.toString());
        }
    }
}
