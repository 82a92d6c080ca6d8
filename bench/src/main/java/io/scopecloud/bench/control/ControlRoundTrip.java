package io.scopecloud.bench.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Control round trip under load: connects {@code probes} simulated probes spread over the control
 * instances, then has {@code concurrency} UI clients call controls on random probes through random
 * instances (so about half the calls are forwarded to the other instance), and prints latency
 * percentiles, split into calls served where the probe is and calls forwarded.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.scopecloud.bench.control.ControlRoundTrip bench.properties</pre>
 *
 * The properties file names the instances and an org's credentials: {@code urls} (comma
 * separated), {@code org}, {@code token} (probe token), {@code cookie} and {@code csrf} (a
 * member's session), and optionally {@code probes} (1000), {@code calls} (20000),
 * {@code warmup} (3000), {@code concurrency} (8). {@code ControlBenchServers} in service-control's
 * tests starts two instances on embedded PostgreSQL and writes such a file.
 */
public final class ControlRoundTrip {
    private ControlRoundTrip() {}

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args.length > 0 ? args[0] : "bench.properties"))) {
            p.load(in);
        }
        List<String> urls = Arrays.asList(p.getProperty("urls").split(","));
        int probes = Integer.parseInt(p.getProperty("probes", "1000"));
        int calls = Integer.parseInt(p.getProperty("calls", "20000"));
        int warmup = Integer.parseInt(p.getProperty("warmup", "3000"));
        int concurrency = Integer.parseInt(p.getProperty("concurrency", "8"));
        String org = p.getProperty("org");

        HttpClient probeClient = HttpClient.newHttpClient();
        long started = System.nanoTime();
        List<CompletableFuture<SimulatedProbe>> connecting = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            connecting.add(
                    SimulatedProbe.connect(probeClient, urls.get(i % urls.size()), p.getProperty("token"), probeId(i)));
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).join();
        System.out.printf("%d probes connected to %d instances in %d ms%n", probes, urls.size(), ms(started));

        HttpClient ui = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(concurrency))
                .build();
        Caller caller = new Caller(ui, urls, org, p.getProperty("cookie"), p.getProperty("csrf"), probes);
        awaitRegistered(caller, probes);

        run(caller, warmup, concurrency, null);
        long[] local = new long[calls];
        long[] forwarded = new long[calls];
        int[] counts = new int[2];
        long measured = System.nanoTime();
        run(caller, calls, concurrency, (isLocal, nanos) -> {
            synchronized (counts) {
                if (isLocal) {
                    local[counts[0]++] = nanos;
                } else {
                    forwarded[counts[1]++] = nanos;
                }
            }
        });
        long elapsed = ms(measured);
        long[] all = new long[counts[0] + counts[1]];
        System.arraycopy(local, 0, all, 0, counts[0]);
        System.arraycopy(forwarded, 0, all, counts[0], counts[1]);
        System.out.printf(
                "%d calls, %d UI clients, %d ms, %.0f calls/s%n",
                all.length, concurrency, elapsed, all.length * 1000.0 / elapsed);
        print("all", all);
        print("probe on the instance called", Arrays.copyOf(local, counts[0]));
        print("forwarded to the other instance", Arrays.copyOf(forwarded, counts[1]));
        connecting.forEach(c -> c.join().close());
        System.exit(0);
    }

    private interface Sample {
        void add(boolean local, long nanos);
    }

    private static void run(Caller caller, int calls, int concurrency, Sample sample) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            done.add(CompletableFuture.runAsync(
                    () -> {
                        while (next.getAndIncrement() < calls) {
                            ThreadLocalRandom random = ThreadLocalRandom.current();
                            int probe = random.nextInt(caller.probes);
                            int instance = random.nextInt(caller.urls.size());
                            long t0 = System.nanoTime();
                            int status = caller.call(instance, probe);
                            long nanos = System.nanoTime() - t0;
                            if (status != 200) {
                                failures.incrementAndGet();
                            } else if (sample != null) {
                                sample.add(probe % caller.urls.size() == instance, nanos);
                            }
                        }
                    },
                    workers));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        workers.shutdown();
        if (failures.get() > 0) {
            System.out.printf("%d calls failed%n", failures.get());
        }
    }

    private static void awaitRegistered(Caller caller, int probes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (int i = 0; i < probes; i++) {
            while (caller.call(0, i) != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("probe " + probeId(i) + " never became reachable");
                }
                Thread.sleep(20);
            }
        }
    }

    private static void print(String what, long[] nanos) {
        if (nanos.length == 0) {
            return;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "  %-32s n=%6d  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  p99.9 %6.2f ms  max %7.2f ms%n",
                what,
                nanos.length,
                pct(nanos, 0.50),
                pct(nanos, 0.90),
                pct(nanos, 0.99),
                pct(nanos, 0.999),
                nanos[nanos.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    static String probeId(int i) {
        return String.format("b%015x", i);
    }

    /** A UI client: a member's session calling {@code docker_restart_container}. */
    private static final class Caller {
        final HttpClient http;
        final List<String> urls;
        final String org;
        final String cookie;
        final String csrf;
        final int probes;

        Caller(HttpClient http, List<String> urls, String org, String cookie, String csrf, int probes) {
            this.http = http;
            this.urls = urls;
            this.org = org;
            this.cookie = cookie;
            this.csrf = csrf;
            this.probes = probes;
        }

        int call(int instance, int probe) {
            String node = URLEncoder.encode("c" + probe + ";<container>", StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(urls.get(instance) + "/api/app/" + org
                            + "/api/control/" + probeId(probe) + "/" + node + "/docker_restart_container"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Cookie", "scope_session=" + cookie)
                    .header("X-CSRF-Token", csrf)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException e) {
                return 599;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 599;
            }
        }
    }
}
