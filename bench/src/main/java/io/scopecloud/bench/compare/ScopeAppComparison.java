package io.scopecloud.bench.compare;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Weave Scope's own app and Scope Cloud side by side on the same reports and the same client:
 * the real probe posts of the fixtures ({@code probe-posts/report-00{4,6,8}.msgpack.gz}, a full
 * report and two deltas) are posted to both, one every 3 s as the probe does, and each read path
 * is requested {@code requests} times, interleaved (one app, then the other, alternating which
 * goes first), over keep-alive connections. The first {@code cold} requests of each path are
 * reported apart: run this right after starting both apps to see the cold start a user sees.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.scopecloud.bench.compare.ScopeAppComparison compare.properties</pre>
 *
 * Properties: {@code scope} (Scope's app, e.g. http://127.0.0.1:4050), {@code cloud} (Scope
 * Cloud's UI/API; the comparison signs up a person and org there, and reads as that member),
 * {@code ingest} (where Scope Cloud's probes post; default {@code cloud}), {@code fixtures} (the
 * probe-posts folder), optionally {@code requests} (300),
 * {@code cold} (20), {@code process} and {@code host} (node ids for the details paths), and
 * {@code client} ({@link TimedClient}: {@code classic}, the default, or {@code jdk}, which the tables
 * before 2026-12-06's second session used).
 */
public final class ScopeAppComparison {
    private ScopeAppComparison() {}

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args.length > 0 ? args[0] : "compare.properties"))) {
            p.load(in);
        }
        URI cloud = URI.create(p.getProperty("cloud"));
        List<AppTarget> apps = List.of(
                AppTarget.scope(URI.create(p.getProperty("scope"))),
                AppTarget.scopeCloud(
                        cloud,
                        URI.create(p.getProperty("ingest", cloud.toString())),
                        CloudAccount.signUp(HttpClient.newHttpClient(), cloud)));
        int requests = Integer.parseInt(p.getProperty("requests", "300"));
        int cold = Integer.parseInt(p.getProperty("cold", "20"));
        Path fixtures = Path.of(p.getProperty("fixtures"));
        List<byte[]> posts = new ArrayList<>();
        for (String n : List.of("004", "006", "008")) {
            posts.add(Files.readAllBytes(fixtures.resolve("report-" + n + ".msgpack.gz")));
        }

        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        TimedClient timed = TimedClient.of(p);
        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger cycle = new AtomicInteger();
        // the posts run until the run ends (the executor is stopped then); a failed post is printed, not thrown
        var unused = probe.scheduleAtFixedRate(
                () -> {
                    byte[] body = posts.get(cycle.getAndIncrement() % posts.size());
                    for (AppTarget app : apps) {
                        try {
                            HttpResponse<String> r = http.send(
                                    app.report()
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() / 100 != 2) {
                                System.err.println(
                                        app.name() + " refused a report: " + r.statusCode() + " " + r.body());
                            }
                        } catch (Exception e) {
                            System.err.println(app.name() + ": cannot post a report: " + e);
                        }
                    }
                },
                0,
                3,
                TimeUnit.SECONDS);
        try {
            Map<String, ReadPath> paths = paths(p);
            for (AppTarget app : apps) {
                awaitNodes(http, app);
            }
            Map<String, Map<String, Timings>> coldTimes = new LinkedHashMap<>();
            Map<String, Map<String, Timings>> warmTimes = new LinkedHashMap<>();
            for (int i = 0; i < requests; i++) {
                for (Map.Entry<String, ReadPath> path : paths.entrySet()) {
                    for (int a = 0; a < apps.size(); a++) {
                        AppTarget app = apps.get((a + i) % apps.size());
                        long nanos = path.getValue().time(timed, app);
                        Map<String, Map<String, Timings>> into = i < cold ? coldTimes : warmTimes;
                        into.computeIfAbsent(path.getKey(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(app.name(), k -> new Timings())
                                .add(nanos);
                    }
                }
                if (i % 50 == 49) {
                    System.err.printf("%d of %d rounds%n", i + 1, requests);
                }
            }
            print("First " + cold + " requests of each path", coldTimes, apps);
            print("The next " + (requests - cold) + " requests of each path", warmTimes, apps);
        } finally {
            probe.shutdownNow();
            timed.close();
        }
    }

    private static Map<String, ReadPath> paths(Properties p) {
        String process = p.getProperty("process", "vm;16071");
        String host = p.getProperty("host", "vm;<host>");
        Map<String, ReadPath> paths = new LinkedHashMap<>();
        paths.put("/api/topology/processes", ReadPath.get("/api/topology/processes"));
        paths.put("/api/topology/processes-by-name", ReadPath.get("/api/topology/processes-by-name"));
        paths.put("/api/topology/hosts", ReadPath.get("/api/topology/hosts"));
        paths.put("/api/topology", ReadPath.get("/api/topology"));
        paths.put("process details", ReadPath.get("/api/topology/processes/" + ReadPath.escape(process)));
        paths.put("host details", ReadPath.get("/api/topology/hosts/" + ReadPath.escape(host)));
        paths.put("/api/report", ReadPath.get("/api/report"));
        paths.put(
                "control, probe not connected",
                ReadPath.control("/api/control/0000000000000001/node/docker_stop_container"));
        return paths;
    }

    private static void awaitNodes(HttpClient http, AppTarget app) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r =
                    http.send(app.get("/api/topology/processes").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200 && r.body().contains("\"vm;")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(app.name() + " shows no processes of the posted reports within 60 s: "
                        + r.statusCode() + " " + r.body());
            }
            Thread.sleep(250);
        }
    }

    private static void print(String title, Map<String, Map<String, Timings>> times, List<AppTarget> apps) {
        Timings.printTable(title, "path", times, apps.get(0).name(), apps.get(1).name());
    }
}
