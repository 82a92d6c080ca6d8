package io.scopecloud.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * Probes that post a real probe's report (the fixture {@code report-004.json}, 84 processes) through
 * the proxy every {@link #INTERVAL}, each post with one host node of its own, a marker
 * ({@code sim-<org tag>-<probe>-<seq>;<host>}), so a later read of the window shows exactly which
 * posts it holds. Every post answered 200 is an acknowledged report ({@link Post}); a refused or
 * failed one is retried by the next tick, as Scope's probe does.
 */
final class SimulatedProbes implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One post: its marker node, when it was sent and answered, and the answer (0: no answer). */
    record Post(String org, String marker, Instant sent, Instant answered, int status) {
        boolean acknowledged() {
            return status == 200;
        }
    }

    /** One org's probes: the org's id, a tag that its markers carry, its probe token, how many probes. */
    record Org(String id, String tag, String token, int probes) {}

    private final URI proxy;
    private final String template;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final ConcurrentLinkedQueue<Post> posts = new ConcurrentLinkedQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<java.util.concurrent.ScheduledFuture<?>> tasks = new ArrayList<>();

    SimulatedProbes(URI proxy, List<Org> orgs) throws IOException {
        this.proxy = requireNonNull(proxy, "proxy is null");
        this.template = template();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(3))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        int total = orgs.stream().mapToInt(Org::probes).sum();
        this.scheduler = Executors.newScheduledThreadPool(Math.max(1, total), r -> {
            Thread t = new Thread(r, "simulated-probe");
            t.setDaemon(true);
            return t;
        });
        int n = 0;
        for (Org org : orgs) {
            for (int p = 0; p < org.probes(); p++) {
                String probeId = String.format("5e%014x", (long) n);
                long offset = INTERVAL.toMillis() * n / total;
                String prefix = "sim-" + org.tag() + "-" + p + "-";
                tasks.add(scheduler.scheduleAtFixedRate(
                        () -> post(org, probeId, prefix), offset, INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
                n++;
            }
        }
    }

    /** The fixture with its host node replaced by one named {@code MARKER;<host>}. */
    private static String template() throws IOException {
        try (InputStream in = SimulatedProbes.class.getResourceAsStream("/fixtures/report-004.json")) {
            if (in == null) {
                throw new AssertionError("fixtures/report-004.json is not on the test classpath (see the pom)");
            }
            ObjectNode report = (ObjectNode) JSON.readTree(in);
            ObjectNode hosts = (ObjectNode) report.path("Host").path("nodes");
            ObjectNode host = (ObjectNode) hosts.elements().next().deepCopy();
            host.put("id", "MARKER;<host>");
            hosts.removeAll();
            hosts.set("MARKER;<host>", host);
            return JSON.writeValueAsString(report);
        }
    }

    private void post(Org org, String probeId, String prefix) {
        String marker = prefix + sequence.incrementAndGet();
        Instant sent = Instant.now();
        int status = 0;
        inFlight.incrementAndGet();
        try {
            HttpResponse<Void> r = http.send(
                    HttpRequest.newBuilder(proxy.resolve("/api/report"))
                            .timeout(Duration.ofSeconds(15))
                            .header("Content-Type", "application/json")
                            .header("Content-Encoding", "gzip")
                            .header("Authorization", "Scope-Probe token=" + org.token())
                            .header("X-Scope-Probe-ID", probeId)
                            .header("X-Scope-Probe-Version", "cluster-test")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(template.replace("MARKER", marker))))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            status = r.statusCode();
        } catch (IOException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            posts.add(new Post(org.id(), marker + ";<host>", sent, Instant.now(), status));
        }
    }

    private static byte[] gzip(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every post answered so far. */
    List<Post> posts() {
        return new ArrayList<>(posts);
    }

    /** Posts sent in [from, to), by status (0 = no answer). */
    Map<Integer, Long> statuses(Instant from, Instant to) {
        return posts.stream()
                .filter(p -> !p.sent().isBefore(from) && p.sent().isBefore(to))
                .collect(java.util.stream.Collectors.groupingBy(
                        Post::status, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
