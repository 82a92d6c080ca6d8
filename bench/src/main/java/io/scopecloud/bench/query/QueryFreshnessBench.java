package io.scopecloud.bench.query;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.ReportEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Freshness: a report accepted by ingest (its POST answered 200) → the topology websocket frame
 * that shows it. {@code probes} simulated probes (default 100, ~100 nodes each) POST gzipped
 * msgpack every 3 s (Scope's publish interval) through the real ingest, Kafka and query that
 * {@code QueryBenchServers} started. Every report's host carries a new {@code uptime} (a marker,
 * unique across the run), and a websocket on {@code /api/topology/hosts/ws?t=5s} (the UI's
 * interval; the hosts view renders processes, containers, images and endpoints) watches for
 * each: freshness is from the POST's 200 to the first frame carrying it.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.scopecloud.bench.query.QueryFreshnessBench
 * bench.properties} with optional {@code probes=}, {@code seconds=} (measured, default 120),
 * {@code warmup=} (default 20) in the properties file. A marker not seen within 3 s counts as lost.
 */
public final class QueryFreshnessBench {
    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Pattern MARKER = Pattern.compile("\"value\":\"(\\d{7,})\"");

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(8))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String ingest;
    private final String token;
    private final int probes;
    /** Marker → when its POST was answered, and when a frame carried it (nanoTime). */
    private final Map<String, Long> accepted = new ConcurrentHashMap<>();

    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong failedPosts = new AtomicLong();

    private final AtomicLong sequence = new AtomicLong(1_000_000);

    private QueryFreshnessBench(String ingest, String token, int probes) {
        this.ingest = ingest;
        this.token = token;
        this.probes = probes;
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args.length > 0 ? args[0] : "query-bench.properties"))) {
            props.load(in);
        }
        int probes = Integer.parseInt(props.getProperty("probes", "100"));
        int seconds = Integer.parseInt(props.getProperty("seconds", "120"));
        int warmup = Integer.parseInt(props.getProperty("warmup", "20"));
        QueryFreshnessBench bench =
                new QueryFreshnessBench(props.getProperty("ingest"), props.getProperty("token"), probes);
        String ws = props.getProperty("query").replaceFirst("^http", "ws") + "/api/app/" + props.getProperty("org")
                + "/api/topology/hosts/ws?t=5s";
        bench.run(ws, warmup, seconds);
    }

    private void run(String wsUrl, int warmupSeconds, int seconds) throws Exception {
        CountDownLatch firstFrame = new CountDownLatch(1);
        WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frame(text.toString(), System.nanoTime());
                            text.setLength(0);
                            firstFrame.countDown();
                        }
                        w.request(1);
                        return null;
                    }
                })
                .get(10, TimeUnit.SECONDS);
        firstFrame.await(10, TimeUnit.SECONDS);

        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmupSeconds);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong lost = new AtomicLong();
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        for (int p = 0; p < probes; p++) {
            int probe = p;
            long offset = INTERVAL.toNanos() * p / probes;
            tasks.add(scheduler.scheduleAtFixedRate(
                    () -> post(probe, Long.toString(sequence.incrementAndGet())),
                    offset,
                    INTERVAL.toNanos(),
                    TimeUnit.NANOSECONDS));
        }
        // Collect each marker once its own interval has passed: later than that it is lost.
        tasks.add(scheduler.scheduleAtFixedRate(
                () -> collect(measureFrom, System.nanoTime() - INTERVAL.toNanos(), latencies, lost),
                1,
                1,
                TimeUnit.SECONDS));
        TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        for (ScheduledFuture<?> task : tasks) {
            if (task.isDone() && !task.isCancelled()) {
                task.get(); // a periodic task ends by itself only when it fails: throw why, print no numbers
            }
        }
        TimeUnit.SECONDS.sleep(INTERVAL.toSeconds());
        collect(measureFrom, Long.MAX_VALUE, latencies, lost);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);

        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "%d probes, one report each per %d s, %d s measured: %d posts (%d failed), %d markers, %d lost%n",
                probes, INTERVAL.toSeconds(), seconds, posts.get(), failedPosts.get(), sorted.size(), lost.get());
        if (!sorted.isEmpty()) {
            System.out.printf(
                    "freshness (POST 200 -> websocket frame): p50 %.0f ms  p99 %.0f ms  max %.0f ms | load %.2f%n",
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    sorted.get(sorted.size() - 1) / 1e6,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    private static double percentile(List<Long> sorted, double q) {
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
    }

    private void post(int probe, String uptime) {
        Report r = QueryRenderBench.probeReport(probe, probes, Instant.now(), uptime);
        byte[] body = ReportEncoder.gzip(ReportEncoder.toMsgpack(r));
        HttpRequest request = HttpRequest.newBuilder(URI.create(ingest + "/api/report"))
                .header("Authorization", "Scope-Probe token=" + token)
                .header("Content-Type", "application/msgpack")
                .header("Content-Encoding", "gzip")
                .header("X-Scope-Probe-Id", "bench-probe-" + probe)
                .header("X-Scope-Probe-Version", "bench")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            long now = System.nanoTime();
            posts.incrementAndGet();
            if (response.statusCode() != 200) {
                failedPosts.incrementAndGet();
            } else {
                accepted.put(uptime, now);
            }
        } catch (IOException | InterruptedException e) {
            failedPosts.incrementAndGet();
        }
    }

    /**
     * Marks the markers a frame carries (an updated host's uptime row) as seen, even before their
     * POST's answer is back: the service may be quicker than that answer (latency zero then).
     */
    private void frame(String text, long at) {
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            seen.putIfAbsent(m.group(1), at);
        }
    }

    private void collect(long measureFrom, long acceptedBefore, List<Long> latencies, AtomicLong lost) {
        for (Iterator<Map.Entry<String, Long>> it = accepted.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Long> e = it.next();
            long postedAt = e.getValue();
            if (postedAt > acceptedBefore) {
                continue;
            }
            it.remove();
            Long frameAt = seen.remove(e.getKey());
            if (postedAt < measureFrom) {
                continue;
            }
            if (frameAt == null) {
                lost.incrementAndGet();
            } else {
                latencies.add(Math.max(0, frameAt - postedAt));
            }
        }
        // Markers of failed posts never get collected above.
        seen.values().removeIf(at -> at < acceptedBefore - TimeUnit.SECONDS.toNanos(30));
    }
}
