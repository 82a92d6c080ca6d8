package io.scopecloud.bench.compare;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

/**
 * Report intake of Weave Scope's app and Scope Cloud side by side: the same real probe report posted by the same
 * client over keep-alive HTTP/1.1 connections, in alternating phases (Scope, Scope Cloud, then the other way round),
 * each app's process CPU (and, for Scope Cloud's JVM, its threads by kind) read from {@code /proc} around each phase.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.scopecloud.bench.compare.IngestComparison ingest.properties</pre>
 *
 * Properties: {@code cloud} (Scope Cloud's portal: the comparison signs up a person there and makes {@code orgs}
 * orgs with a probe token each), {@code ingest} (where its probes post; default {@code cloud}), {@code scope}
 * (Weave Scope's app; leave out to load Scope Cloud alone), {@code fixtures} (the probe-posts folder),
 * {@code report} (report-004.msgpack.gz, the full report), {@code gzip} (true: post it gzipped as Scope's probe
 * does; false: the inflated msgpack), {@code connections} (16), {@code rate} (0: every connection posts as fast as
 * it is answered; else posts per second, spread evenly over the probes), {@code probes} (one per connection, each
 * with its own probe id; spread over the orgs), {@code orgs} (16), {@code seconds} (20 per phase), {@code rounds}
 * (2), {@code warmup} (15 s per app, unmeasured), {@code scopePid}, {@code cloudPid} (the processes whose CPU is
 * read) and {@code otherPids} (comma-separated, e.g. PostgreSQL's processes, counted together).
 */
public final class IngestComparison {
    private IngestComparison() {}

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args.length > 0 ? args[0] : "ingest.properties"))) {
            p.load(in);
        }
        int connections = Integer.parseInt(p.getProperty("connections", "16"));
        int probes = Integer.parseInt(p.getProperty("probes", Integer.toString(connections)));
        int orgs = Integer.parseInt(p.getProperty("orgs", "16"));
        double rate = Double.parseDouble(p.getProperty("rate", "0"));
        double seconds = Double.parseDouble(p.getProperty("seconds", "20"));
        int rounds = Integer.parseInt(p.getProperty("rounds", "2"));
        double warmup = Double.parseDouble(p.getProperty("warmup", "15"));
        boolean gzip = Boolean.parseBoolean(p.getProperty("gzip", "true"));
        byte[] gzipped = Files.readAllBytes(
                Path.of(p.getProperty("fixtures")).resolve(p.getProperty("report", "report-004.msgpack.gz")));
        byte[] body = gzip ? gzipped : inflate(gzipped);

        HttpClient setup = HttpClient.newHttpClient();
        URI cloud = URI.create(p.getProperty("cloud"));
        CloudAccount account = CloudAccount.signUp(setup, cloud);
        List<String> tokens = CloudOrgs.probeTokens(setup, cloud, account, orgs);
        AppTarget cloudApp =
                AppTarget.scopeCloud(cloud, URI.create(p.getProperty("ingest", cloud.toString())), account);

        List<App> apps = new ArrayList<>();
        if (p.getProperty("scope") != null) {
            AppTarget scope = AppTarget.scope(URI.create(p.getProperty("scope")));
            apps.add(new App(posters(scope, probes, List.of(), body, gzip), pid(p, "scopePid"), false));
        }
        apps.add(new App(posters(cloudApp, probes, tokens, body, gzip), pid(p, "cloudPid"), true));
        List<Long> others = p.getProperty("otherPids", "").isBlank()
                ? List.of()
                : Arrays.stream(p.getProperty("otherPids").split(","))
                        .map(String::strip)
                        .map(Long::parseLong)
                        .toList();

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        System.out.printf(
                Locale.ROOT,
                "%s: %d bytes posted (%s), %d probes in %d orgs, %d connections, %s%n",
                p.getProperty("report", "report-004.msgpack.gz"),
                body.length,
                gzip ? "gzipped msgpack" : "msgpack",
                probes,
                orgs,
                connections,
                rate > 0 ? rate + " posts/s" : "as fast as answered");
        for (App app : apps) {
            IngestLoad.Result w = app.load(http, connections, rate).run(app.name(), warmup, app.pid, false, List.of());
            System.err.printf(Locale.ROOT, "%s warm-up: %.0f reports/s%n", app.name(), w.perSecond());
        }
        System.out.println();
        System.out.println("| app | reports/s | latency p50 / p99 | process cores | its threads (cores) | other"
                + " processes (cores) | machine busy | client cores | refused | load |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int round = 0; round < rounds; round++) {
            for (int a = 0; a < apps.size(); a++) {
                App app = apps.get((a + round) % apps.size());
                System.out.println(app.load(http, connections, rate)
                        .run(app.name(), seconds, app.pid, app.threads, others)
                        .line());
            }
        }
    }

    private record App(List<ProbePoster> posters, long pid, boolean threads) {
        String name() {
            return posters.get(0).app().name();
        }

        IngestLoad load(HttpClient http, int connections, double rate) {
            return new IngestLoad(http, posters, connections, rate);
        }
    }

    /** Probe {@code i} has probe id {@code i} in hex (as Scope's probes: 16 hex digits) and org {@code i % orgs}. */
    private static List<ProbePoster> posters(AppTarget app, int probes, List<String> tokens, byte[] body, boolean gz) {
        List<ProbePoster> posters = new ArrayList<>();
        for (int i = 0; i < probes; i++) {
            Optional<String> token = tokens.isEmpty() ? Optional.empty() : Optional.of(tokens.get(i % tokens.size()));
            posters.add(new ProbePoster(app, String.format(Locale.ROOT, "%016x", i + 1), token, body, gz));
        }
        return posters;
    }

    private static long pid(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("set " + key + "=<the app's process id> (its CPU is measured)");
        }
        return Long.parseLong(v.strip());
    }

    private static byte[] inflate(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gzipped))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
