package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Metric;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Sample;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.codec.ReportEncoder;
import io.scopecloud.report.id.NodeIds;
import io.scopecloud.standalone.ServiceClient.Person;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A big organisation in the browser (issue 16): 50 probes report 40 processes each with 5,000
 * connections between hosts through the real ingest, Kafka and query; {@code ui/e2e/big-org.mjs}
 * signs in, opens the processes map (grouped by host on the canvas), pans, zooms, searches and
 * opens a node's details within the budgets. Screenshots in {@code target/screenshots}.
 */
class BigOrgBrowserE2EIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    private static final Path UI = Path.of(System.getProperty("user.dir"), "..", "..", "ui")
            .toAbsolutePath()
            .normalize();
    private static final int HOSTS = 50;
    private static final int PROCESSES = 40;
    private static final List<String> NAMES =
            List.of("nginx", "java", "postgres", "redis-server", "node", "python3", "envoy", "kafka");

    private static StandaloneTestApp app;

    @BeforeAll
    static void start() throws Exception {
        app = StandaloneTestApp.builder().partitions(3).start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPersonCanReadAndExploreTwoThousandProcesses() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("the browser tests need Debian's Chromium at %s: apt-get install -y chromium", CHROMIUM)
                .isTrue();
        ServiceClient client = new ServiceClient(app.baseUri().getPort());
        String email = "big-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String password = "a long passphrase for the big org";
        Person owner = client.signUp(email, password, "Big Org");
        String token = client.createToken(owner, "fleet");

        // Probes report every few seconds; the query keeps a 15 s window.
        ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor();
        ScheduledFuture<?> posting = probes.scheduleWithFixedDelay(
                () -> {
                    for (int h = 0; h < HOSTS; h++) {
                        byte[] body = ReportEncoder.gzip(ReportEncoder.toJson(report(h, Instant.now())));
                        client.postReport(token, probeId(h), "application/json", "gzip", body);
                    }
                },
                0,
                4,
                TimeUnit.SECONDS);
        try {
            client.awaitGet(
                    "/api/app/" + owner.org() + "/api/topology/processes",
                    token,
                    r -> r.statusCode() == 200
                            && ServiceClient.tree(r.body()).path("nodes").size() >= HOSTS * PROCESSES,
                    Duration.ofMinutes(3));

            Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
            ProcessBuilder pb = new ProcessBuilder("node", "e2e/big-org.mjs")
                    .directory(UI.toFile())
                    .redirectErrorStream(true);
            pb.environment().put("BASE_URL", app.baseUri().toString());
            pb.environment().put("CHROMIUM", CHROMIUM.toString());
            pb.environment().put("SCREENSHOTS", screenshots.toString());
            pb.environment().put("E2E_EMAIL", email);
            pb.environment().put("E2E_PASSWORD", password);
            pb.environment().put("E2E_ORG", owner.org());
            Process browser = pb.start();
            // Its log into this test's output (Surefire's channel must not be written to directly).
            Thread echo = new Thread(
                    () -> new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))
                            .lines()
                            .forEach(System.out::println),
                    "big-org-log");
            echo.setDaemon(true);
            echo.start();
            boolean ended = browser.waitFor(6, TimeUnit.MINUTES);
            if (!ended) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
            }
            assertThat(ended).as("the browser test ran over 6 minutes").isTrue();
            assertThat(browser.exitValue())
                    .as("the browser test failed (its log is above; screenshots in %s)", screenshots)
                    .isZero();
            for (String screen : List.of("big-1-overview", "big-2-zoomed", "big-3-search", "big-4-details")) {
                assertThat(screenshots.resolve(screen + ".png")).exists();
            }
        } finally {
            posting.cancel(true);
            probes.shutdownNow();
        }
    }

    private static String probeId(int h) {
        return String.format("b16%013x", h);
    }

    private static String ip(int h) {
        return "10.16." + h + ".10";
    }

    /** Host {@code h}: its processes, each listening on a port and calling 2 or 3 on other hosts. */
    static Report report(int h, Instant ts) {
        String hostname = "big-host-" + h;
        String hostId = NodeIds.makeHostId(hostname);
        Report.Builder b = Report.builder()
                .id(Report.randomId())
                .ts(ts)
                .windowNanos(Duration.ofSeconds(4).toNanos());
        b.node(
                TopologyType.HOST,
                Node.builder(hostId, "host")
                        .latest("host_name", ts, hostname)
                        .latest("os", ts, "linux")
                        .parent("host", hostId)
                        .build());
        for (int p = 0; p < PROCESSES; p++) {
            int pid = 1000 + p;
            String name = NAMES.get((h + p) % NAMES.size());
            b.node(
                    TopologyType.PROCESS,
                    Node.builder(NodeIds.makeProcessId(hostname, pid), "process")
                            .latest("pid", ts, Integer.toString(pid))
                            .latest("name", ts, name)
                            .latest("cmdline", ts, "/usr/bin/" + name + " --port=" + (8000 + p))
                            .latest("host_node_id", ts, hostId)
                            .parent("host", hostId)
                            .metric("process_cpu_usage_percent", metric(ts, (h * 7 + p * 13) % 100))
                            .build());
            b.node(
                    TopologyType.ENDPOINT,
                    Node.builder(NodeIds.makeEndpointId("", ip(h), 8000 + p), "endpoint")
                            .latest("pid", ts, Integer.toString(pid))
                            .latest("host_node_id", ts, hostId)
                            .build());
            for (int k = 0; k < 2 + p % 2; k++) {
                int target = (h + 1 + (p * 7 + k * 11) % (HOSTS - 1)) % HOSTS;
                int port = 8000 + (p * 3 + k * 17) % PROCESSES;
                b.node(
                        TopologyType.ENDPOINT,
                        Node.builder(NodeIds.makeEndpointId("", ip(h), 40000 + p * 3 + k), "endpoint")
                                .latest("pid", ts, Integer.toString(pid))
                                .latest("host_node_id", ts, hostId)
                                .adjacent(NodeIds.makeEndpointId("", ip(target), port))
                                .build());
            }
        }
        return b.build();
    }

    private static Metric metric(Instant ts, double value) {
        return new Metric(List.of(new Sample(ts, value)), 0, 100);
    }
}
