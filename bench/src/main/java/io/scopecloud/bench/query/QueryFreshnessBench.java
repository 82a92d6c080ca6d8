package io.scopecloud.bench.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Freshness and read latency through the real ingest, Kafka and query instances that {@code
 * QueryBenchServers} started. Simulated probes POST gzipped msgpack (the render bench's reports)
 * every 3 s (Scope's publish interval), spread evenly, through the one ingest. Every report's host
 * carries a new {@code uptime} (a marker, unique across the run), and a websocket per org on
 * {@code /api/topology/hosts/ws?t=5s} (the UI's interval) watches for each: freshness is from the
 * POST's 200 to the first frame carrying it. A marker not seen within 3 s counts as lost.
 *
 * <p>With one org (the servers' default): {@code probes} (default 100) probes in it, one phase.
 * With several ({@code QueryBenchServers … orgs=20}): org 0 holds {@code bigOrgProbes} (default
 * 300) probes, the others share the rest; readers GET the hosts, containers and processes views as
 * the UI asks them (org 0's each second, each small org's every 3 s), alternating between the
 * query instances as a proxy would; and org 0 is idle (its probes silent, no readers) for half
 * the measured time, loaded for the whole of it, then idle for the other half, so a small org's
 * numbers idle (both halves pooled) and loaded show how much org 0 moves them, with whatever
 * drifts over the run on both sides (the idle phase measured first alone was the slower in most
 * runs, bench/README.md). The phases follow one warm-up with every org loaded, so that the JIT has
 * compiled what either runs, and each follows {@code settle} seconds in its own state (org 0's
 * reports out of the window, or back in it). After the loaded phase, each query instance's heap
 * after a full GC and its RSS, against the probes it holds.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.scopecloud.bench.query.QueryFreshnessBench
 * bench.properties} with optional {@code probes=}, {@code bigOrgProbes=}, {@code shape=} (host,
 * small), {@code seconds=} (measured loaded, and idle in two halves; default 120), {@code warmup=} (before the first
 * phase, default 20, 150 with several orgs), {@code settle=} (before each phase with several orgs,
 * default 45) in the properties file. Stops by itself.
 */
public final class QueryFreshnessBench {
    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final Pattern MARKER = Pattern.compile("\"value\":\"(\\d{7,})\"");
    private static final List<String> VIEWS = List.of("hosts", "containers", "processes");

    private record Probe(int id, int org, int inOrg, int orgSize) {}

    private record Posted(int org, long at, LoadPhase phase) {}

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newFixedThreadPool(8))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ExecutorService readers = Executors.newFixedThreadPool(8);
    private final ReportPoster poster;
    private final ObjectMapper json = new ObjectMapper();
    private final Properties props;
    private final List<String> queries = new ArrayList<>();
    private final List<String> orgs = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private final List<Probe> probes = new ArrayList<>();
    private final QueryRenderBench.Shape shape;

    /** Marker → its POST's answer; marker → when a frame first carried it (nanoTime). */
    private final Map<String, Posted> accepted = new ConcurrentHashMap<>();

    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    /** Each probe's report, encoded once (building and encoding it per post was half of this JVM's CPU). */
    private final Map<Integer, ReportTemplate> templates = new ConcurrentHashMap<>();

    private final AtomicLong sequence = new AtomicLong(1_000_000);
    private final AtomicLong readTurn = new AtomicLong();
    /** Posts sent and not yet answered, by org. */
    private final Map<Integer, AtomicInteger> postsInFlight = new ConcurrentHashMap<>();

    /** The phase being measured, null while warming up. */
    private volatile LoadPhase phase;
    /** Whether org 0's probes post and its views are read. */
    private volatile boolean bigOrgActive;

    private volatile boolean closing;
    private final ScheduledExecutorService reopener = Executors.newSingleThreadScheduledExecutor();

    private QueryFreshnessBench(Properties props) {
        this.props = props;
        this.poster = new ReportPoster(URI.create(props.getProperty("ingest")), 1_024);
        int instances = Integer.parseInt(props.getProperty("queries", "1"));
        for (int i = 0; i < instances; i++) {
            queries.add(props.getProperty("query." + i, props.getProperty("query")));
        }
        int orgCount = Integer.parseInt(props.getProperty("orgs", "1"));
        for (int o = 0; o < orgCount; o++) {
            orgs.add(props.getProperty("org." + o, props.getProperty("org")));
            tokens.add(props.getProperty("token." + o, props.getProperty("token")));
        }
        int total = Integer.parseInt(props.getProperty("probes", orgCount == 1 ? "100" : "1000"));
        int big = orgCount == 1 ? total : Integer.parseInt(props.getProperty("bigOrgProbes", "300"));
        this.shape = QueryRenderBench.Shape.named(props.getProperty("shape", orgCount == 1 ? "host" : "small"));
        int[] sizes = new int[orgCount];
        sizes[0] = big;
        for (int i = 0; i < total - big; i++) {
            sizes[1 + i % (orgCount - 1)]++;
        }
        int id = 0;
        for (int o = 0; o < orgCount; o++) {
            for (int p = 0; p < sizes[o]; p++) {
                probes.add(new Probe(id++, o, p, sizes[o]));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args.length > 0 ? args[0] : "query-bench.properties"))) {
            props.load(in);
        }
        try {
            new QueryFreshnessBench(props).run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1); // the pools' threads would keep the JVM alive
        }
    }

    private boolean scale() {
        return orgs.size() > 1;
    }

    private void run() throws Exception {
        int seconds = Integer.parseInt(props.getProperty("seconds", "120"));
        // At scale the JIT of five JVMs sharing two cores is still compiling minutes after the start
        // (bench/README.md, "End to end at scale", run 23): measure past it, as a service that runs for days.
        int warmup = Integer.parseInt(props.getProperty("warmup", scale() ? "150" : "20"));
        List<Watch> sockets = new ArrayList<>();
        for (int o = 0; o < orgs.size(); o++) {
            sockets.add(watch(o));
        }
        List<QueryInstanceMemory> idle = scale() ? memory() : List.of();
        bigOrgActive = true;

        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        List<ScheduledFuture<?>> tasks = new ArrayList<>();
        for (Probe probe : probes) {
            long offset = INTERVAL.toNanos() * probe.id() / probes.size();
            tasks.add(
                    scheduler.scheduleAtFixedRate(() -> post(probe), offset, INTERVAL.toNanos(), TimeUnit.NANOSECONDS));
        }
        if (scale()) {
            for (int o = 0; o < orgs.size(); o++) {
                long period = o == 0 ? 1_000 : 3_000;
                for (int v = 0; v < VIEWS.size(); v++) {
                    int org = o;
                    String view = VIEWS.get(v);
                    long offset = period * ((long) o * VIEWS.size() + v) / ((long) orgs.size() * VIEWS.size());
                    // As a UI polls: the next GET of a view waits for the last one's answer.
                    AtomicBoolean inFlight = new AtomicBoolean();
                    tasks.add(scheduler.scheduleAtFixedRate(
                            () -> {
                                if (inFlight.compareAndSet(false, true)) {
                                    readers.execute(() -> {
                                        try {
                                            read(org, view);
                                        } finally {
                                            inFlight.set(false);
                                        }
                                    });
                                } else if (phase != null) {
                                    phase.skippedReads.incrementAndGet();
                                }
                            },
                            offset,
                            period,
                            TimeUnit.MILLISECONDS));
                }
            }
        }
        // Collect each marker once its own interval has passed: later than that it is lost.
        tasks.add(scheduler.scheduleAtFixedRate(
                () -> collect(System.nanoTime() - INTERVAL.toNanos()), 1, 1, TimeUnit.SECONDS));

        Map<String, Long> pids = new LinkedHashMap<>();
        for (int i = 0; i < queries.size() && props.containsKey("queryPid." + i); i++) {
            pids.put("query-" + i, Long.parseLong(props.getProperty("queryPid." + i)));
        }
        if (props.containsKey("serversPid")) {
            pids.put("ingest+Kafka", Long.parseLong(props.getProperty("serversPid")));
        }
        pids.put("load (this JVM)", ProcessHandle.current().pid());
        List<LoadPhase> phases = new ArrayList<>();
        // Measured under load, these may time out on a saturated machine: the phases' numbers still print.
        List<QueryInstanceMemory> loaded = List.of();
        Map<String, Integer> bigOrgNodes = Map.of();
        LoadPhase idleBoth = null;
        if (scale()) {
            int settle = Integer.parseInt(props.getProperty("settle", "45"));
            TimeUnit.SECONDS.sleep(warmup);
            // Idle, loaded, idle: half the idle time on either side of the loaded phase, pooled, so
            // that what drifts over a run (the JIT, the heap's sizing, the machine's other work)
            // weighs on both states alike instead of passing for org 0's effect.
            bigOrgActive = false;
            LoadPhase idleBefore = measure(new LoadPhase("org 0 idle, before"), settle, seconds / 2, pids, tasks);
            bigOrgActive = true;
            LoadPhase loadedPhase = measure(new LoadPhase("org 0 loaded"), settle, seconds, pids, tasks);
            try {
                loaded = memory();
                bigOrgNodes = nodeCounts(0);
            } catch (IOException | RuntimeException e) {
                System.out.println("query memory or node counts not measured: " + e);
            }
            bigOrgActive = false;
            LoadPhase idleAfter =
                    measure(new LoadPhase("org 0 idle, after"), settle, seconds - seconds / 2, pids, tasks);
            phases.addAll(List.of(idleBefore, loadedPhase, idleAfter));
            idleBoth = LoadPhase.pooled("org 0 idle", idleBefore, idleAfter);
        } else {
            phases.add(measure(new LoadPhase("all"), warmup, seconds, pids, tasks));
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        readers.shutdownNow();
        TimeUnit.SECONDS.sleep(INTERVAL.toSeconds()); // the last posts are answered meanwhile
        poster.close();
        collect(Long.MAX_VALUE);
        closing = true;
        reopener.shutdownNow();
        for (int o = 0; o < sockets.size(); o++) {
            try {
                sockets.get(o).close();
            } catch (ExecutionException | TimeoutException e) {
                System.out.println("org " + o + "'s websocket did not close cleanly: " + e.getCause());
            }
        }
        for (LoadPhase p : phases) {
            print(p, bigOrgNodes);
        }
        if (idleBoth != null) {
            printIsolation(idleBoth, phases.get(1));
            if (!loaded.isEmpty()) {
                printMemory(idle, loaded);
            }
        }
        System.exit(0);
    }

    private LoadPhase measure(
            LoadPhase next, int secondsBefore, int seconds, Map<String, Long> pids, List<ScheduledFuture<?>> tasks)
            throws Exception {
        TimeUnit.SECONDS.sleep(secondsBefore);
        ProcessCpu cpu = new ProcessCpu(pids);
        cpu.start();
        next.startedAt = LocalDateTime.now();
        phase = next;
        TimeUnit.SECONDS.sleep(seconds);
        phase = null;
        next.endedAt = LocalDateTime.now();
        next.cpu = cpu.since();
        next.loadAverage = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        for (ScheduledFuture<?> task : tasks) {
            if (task.isDone() && !task.isCancelled()) {
                task.get(); // a periodic task ends by itself only when it fails: throw why, print no numbers
            }
        }
        return next;
    }

    /**
     * Org {@code org}'s hosts view over a websocket, opened again a second after the service closes
     * it (as the UI does: 1012 when the org moves to another instance), until {@link #closing}.
     */
    private Watch watch(int org) throws Exception {
        Watch watch = new Watch(org);
        CountDownLatch firstFrame = new CountDownLatch(1);
        watch.open(firstFrame);
        if (!firstFrame.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no first frame within 10 s on org " + org + "'s hosts websocket");
        }
        return watch;
    }

    private final class Watch implements WebSocket.Listener {
        private final int org;
        private final StringBuilder text = new StringBuilder();
        /** Counted down at the first frame of the first opening; null once reopened. */
        private volatile CountDownLatch firstFrame;
        /** Null until the first opening. */
        private volatile WebSocket socket;

        Watch(int org) {
            this.org = org;
        }

        void open(CountDownLatch first) throws Exception {
            firstFrame = first;
            text.setLength(0);
            String url = queries.get(org % queries.size()).replaceFirst("^http", "ws") + "/api/app/" + orgs.get(org)
                    + "/api/topology/hosts/ws?t=5s";
            socket = http.newWebSocketBuilder()
                    .header("Authorization", "Bearer " + tokens.get(org))
                    .buildAsync(URI.create(url), this)
                    .get(10, TimeUnit.SECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frame(text, System.nanoTime());
                text.setLength(0);
                CountDownLatch first = firstFrame;
                if (first != null) {
                    first.countDown();
                }
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
            reopen();
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            reopen();
        }

        private void reopen() {
            if (closing) {
                return;
            }
            LoadPhase p = phase;
            if (p != null) {
                p.socketsReopened.incrementAndGet();
            }
            reopener.schedule(
                    () -> {
                        try {
                            open(null);
                        } catch (Exception e) {
                            reopen();
                        }
                    },
                    1,
                    TimeUnit.SECONDS);
        }

        void close() throws Exception {
            WebSocket s = socket;
            if (s != null) {
                s.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            }
        }
    }

    private void post(Probe probe) {
        if (probe.org() == 0 && !bigOrgActive) {
            return;
        }
        String uptime = Long.toString(sequence.incrementAndGet());
        ReportTemplate template = templates.computeIfAbsent(
                probe.id(),
                id -> ReportTemplate.of((now, marker, reportId) ->
                        QueryRenderBench.probeReport(probe.inOrg(), probe.orgSize(), now, marker, shape, reportId)));
        byte[] body = ReportEncoder.gzip(template.encode(Instant.now(), uptime));
        AtomicInteger orgInFlight = postsInFlight.computeIfAbsent(probe.org(), o -> new AtomicInteger());
        int inFlightNow = orgInFlight.incrementAndGet();
        LoadPhase sending = phase;
        if (sending != null) {
            sending.inFlight(probe.org(), inFlightNow);
        }
        long sent = System.nanoTime();
        poster.post(tokens.get(probe.org()), "bench-probe-" + probe.id(), body, (status, problem) -> {
            long now = System.nanoTime();
            orgInFlight.decrementAndGet();
            LoadPhase p = phase;
            if (p != null) {
                p.posts.incrementAndGet();
                p.posted(now - sent);
            }
            if (problem != null) {
                if (p != null) {
                    p.postFailed(problem);
                }
            } else {
                accepted.put(uptime, new Posted(probe.org(), now, p));
            }
        });
    }

    /** One GET of a view as the UI's first request asks it (its default options, gzip accepted). */
    private void read(int org, String view) {
        if (org == 0 && !bigOrgActive) {
            return;
        }
        String base = queries.get((int) (readTurn.incrementAndGet() % queries.size()));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(base + "/api/app/" + orgs.get(org) + "/api/topology/" + view))
                .header("Authorization", "Bearer " + tokens.get(org))
                .header("Accept-Encoding", "gzip")
                .timeout(Duration.ofSeconds(10))
                .build();
        LoadPhase p = phase;
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            if (p != null) {
                if (response.statusCode() == 200) {
                    p.read(org, view, took);
                } else {
                    p.failedReads.incrementAndGet();
                }
            }
        } catch (IOException e) {
            if (p != null) {
                p.failedReads.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many nodes each view of the org shows now (one plain GET each). */
    private Map<String, Integer> nodeCounts(int org) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String view : VIEWS) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(queries.get(0) + "/api/app/" + orgs.get(org) + "/api/topology/" + view))
                            .header("Authorization", "Bearer " + tokens.get(org))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode nodes = json.readTree(response.body()).path("nodes");
            counts.put(view, nodes.size());
        }
        return counts;
    }

    private List<QueryInstanceMemory> memory() throws Exception {
        List<QueryInstanceMemory> all = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            all.add(QueryInstanceMemory.measure(
                    Long.parseLong(props.getProperty("queryPid." + i)), props.getProperty("queryAdmin." + i), http));
        }
        return all;
    }

    /**
     * Marks the markers a frame carries (an updated host's uptime row) as seen, even before their
     * POST's answer is back: the service may be quicker than that answer (latency zero then).
     */
    private void frame(CharSequence text, long at) {
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            seen.putIfAbsent(m.group(1), at);
        }
    }

    private void collect(long acceptedBefore) {
        for (Iterator<Map.Entry<String, Posted>> it = accepted.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Posted> e = it.next();
            Posted posted = e.getValue();
            if (posted.at() > acceptedBefore) {
                continue;
            }
            it.remove();
            Long frameAt = seen.remove(e.getKey());
            if (posted.phase() == null) {
                continue;
            }
            if (frameAt == null) {
                posted.phase().lost(posted.org());
            } else {
                posted.phase().fresh(posted.org(), Math.max(0, frameAt - posted.at()));
            }
        }
        // Markers of failed posts never get collected above.
        seen.values().removeIf(at -> at < acceptedBefore - TimeUnit.SECONDS.toNanos(30));
    }

    private List<Integer> smallOrgs() {
        return IntStream.range(1, orgs.size()).boxed().toList();
    }

    private void print(LoadPhase p, Map<String, Integer> bigOrgNodes) {
        int seconds = Integer.parseInt(props.getProperty("seconds", "120"));
        System.out.printf(
                "%n== %s: %d probes (%s hosts), one report each per %d s, %d s measured: %d posts (%d failed),"
                        + " %d reads failed, %d skipped (the last still unanswered) | load %.2f%n",
                p.name,
                probes.stream().filter(pr -> pr.org() != 0 || bigOrgActive).count(),
                shape.equals(QueryRenderBench.Shape.SMALL_HOST) ? "34-node" : "103-node",
                INTERVAL.toSeconds(),
                seconds,
                p.posts.get(),
                p.failedPosts.get(),
                p.failedReads.get(),
                p.skippedReads.get(),
                p.loadAverage);
        System.out.printf("measured from %s to %s (local time)%n", p.startedAt, p.endedAt);
        if (p.socketsReopened.get() > 0) {
            System.out.printf(
                    "watching websockets closed by the service and opened again: %d%n", p.socketsReopened.get());
        }
        if (!p.postFailures.isEmpty()) {
            System.out.println("failed posts by cause: " + p.postFailures);
        }
        p.mostInFlight.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .ifPresent(e -> System.out.printf(
                        "most posts of one org in flight at once: %d (org %d)%n", e.getValue(), e.getKey()));
        List<Long> postTimes = p.postTimes();
        System.out.printf(
                "posts sent to answered (this client): p50 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  max %.1f ms%n",
                LoadPhase.percentileMs(postTimes, 0.5),
                LoadPhase.percentileMs(postTimes, 0.99),
                LoadPhase.percentileMs(postTimes, 0.999),
                LoadPhase.percentileMs(postTimes, 1.0));
        System.out.println("CPU (% of one core): " + p.cpu);
        List<Integer> big = List.of(0);
        if (!scale()) {
            printFreshness("org", p, big);
            return;
        }
        if (!p.freshness(big).isEmpty()) {
            printFreshness("org 0", p, big);
            for (String view : VIEWS) {
                printReads("org 0 " + view + " (" + bigOrgNodes.getOrDefault(view, 0) + " nodes)", p.reads(big, view));
            }
        }
        printFreshness("small orgs", p, smallOrgs());
        for (String view : VIEWS) {
            printReads("small orgs " + view, p.reads(smallOrgs(), view));
        }
        double worst = 0;
        int worstOrg = 1;
        for (int o : smallOrgs()) {
            double p99 = LoadPhase.percentileMs(p.reads(List.of(o), null), 0.99);
            if (p99 > worst) {
                worst = p99;
                worstOrg = o;
            }
        }
        System.out.printf("worst small org's read p99: org %d, %.1f ms%n", worstOrg, worst);
    }

    private static void printFreshness(String label, LoadPhase p, List<Integer> orgs) {
        List<Long> sorted = p.freshness(orgs);
        System.out.printf(
                "freshness %-12s markers %6d lost %4d  p50 %6.0f ms  p99 %6.0f ms  max %6.0f ms%n",
                label,
                sorted.size(),
                p.lost(orgs),
                LoadPhase.percentileMs(sorted, 0.5),
                LoadPhase.percentileMs(sorted, 0.99),
                LoadPhase.percentileMs(sorted, 1.0));
    }

    private static void printReads(String label, List<Long> sorted) {
        System.out.printf(
                "read %-36s %5d GETs  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n",
                label,
                sorted.size(),
                LoadPhase.percentileMs(sorted, 0.5),
                LoadPhase.percentileMs(sorted, 0.99),
                LoadPhase.percentileMs(sorted, 1.0));
    }

    private void printIsolation(LoadPhase idle, LoadPhase loaded) {
        System.out.printf(
                "%n== isolation: the small orgs with org 0 idle (before and after its loaded phase, pooled) -> loaded%n");
        List<Integer> small = smallOrgs();
        change(
                "read p50",
                LoadPhase.percentileMs(idle.reads(small, null), 0.5),
                LoadPhase.percentileMs(loaded.reads(small, null), 0.5));
        change(
                "read p99",
                LoadPhase.percentileMs(idle.reads(small, null), 0.99),
                LoadPhase.percentileMs(loaded.reads(small, null), 0.99));
        change(
                "freshness p50",
                LoadPhase.percentileMs(idle.freshness(small), 0.5),
                LoadPhase.percentileMs(loaded.freshness(small), 0.5));
        change(
                "freshness p99",
                LoadPhase.percentileMs(idle.freshness(small), 0.99),
                LoadPhase.percentileMs(loaded.freshness(small), 0.99));
    }

    private static void change(String label, double before, double after) {
        double percent = 100 * (after - before) / before;
        System.out.printf(
                "%-14s %7.1f ms -> %7.1f ms  %+6.1f %%  (target <= 20 %%: %s)%n",
                label, before, after, percent, Math.abs(percent) <= 20 ? "met" : "NOT met");
    }

    private static void printMemory(List<QueryInstanceMemory> idle, List<QueryInstanceMemory> loaded) {
        System.out.printf("%n== query instances: live heap (after a full GC) and RSS, idle (no probes) -> loaded%n");
        for (int i = 0; i < loaded.size(); i++) {
            QueryInstanceMemory a = idle.get(i);
            QueryInstanceMemory b = loaded.get(i);
            int n = Math.max(1, b.probes());
            System.out.printf(
                    "query-%d: %d probes | heap %.1f -> %.1f MiB: %.0f KiB per probe (%.0f KiB above idle)"
                            + " | RSS %.0f -> %.0f MiB: %.0f KiB per probe (%.0f KiB above idle)%n",
                    i,
                    b.probes(),
                    a.liveHeapBytes() / 1048576.0,
                    b.liveHeapBytes() / 1048576.0,
                    b.liveHeapBytes() / 1024.0 / n,
                    (b.liveHeapBytes() - a.liveHeapBytes()) / 1024.0 / n,
                    a.rssBytes() / 1048576.0,
                    b.rssBytes() / 1048576.0,
                    b.rssBytes() / 1024.0 / n,
                    (b.rssBytes() - a.rssBytes()) / 1024.0 / n);
            System.out.printf("  largest classes loaded (MiB): %s%n", b.largestClasses());
        }
        long probes = 0;
        long above = 0;
        for (int i = 0; i < loaded.size(); i++) {
            probes += loaded.get(i).probes();
            above += loaded.get(i).liveHeapBytes() - idle.get(i).liveHeapBytes();
        }
        double perProbe = above / 1024.0 / Math.max(1, probes);
        System.out.printf(
                "all instances: %d probes | live heap above idle %.0f KiB per probe (target < 200: %s)%n",
                probes, perProbe, perProbe < 200 ? "met" : "NOT met");
    }
}
