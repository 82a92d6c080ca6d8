package io.scopecloud.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Controls side by side on Weave Scope's app and Scope Cloud (issue 19, item 2), with the comparison's client
 * ({@link ScopeAppComparison}: {@link TimedClient}, keep-alive, requests interleaved, the member's session and CSRF
 * token on Scope Cloud): a control for a probe connected nowhere (the service's own overhead), and a plugin control
 * through Weave Scope's real probe and a real plugin on a UNIX socket ({@link BenchPlugin}). It starts the plugin in
 * this JVM and two probes (Scope's binary, {@code --mode=probe}), one reporting to Scope's app and one to Scope Cloud
 * with the org's probe token, both with the plugin's root; each probe's control websocket is then its app's only one.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.scopecloud.bench.compare.ControlComparison control.properties</pre>
 *
 * Properties: {@code scope} and {@code cloud} (the two apps, as for {@link ScopeAppComparison}), {@code scopeBinary}
 * (Scope's binary, {@code /work/scope-go/scope}), {@code pluginsRoot} ({@code /tmp/ctl-plugins}), optionally
 * {@code requests} (300), {@code cold} (20), {@code shortcut} (true: the plugin answers with a shortcut report, as
 * the repository's test plugin does), {@code offline} (true: each probe runs under {@code unshare -m} with a
 * resolver of {@code 127.0.0.1} and {@code CHECKPOINT_DISABLE=1}, as Scope's app is run for the comparison),
 * {@code plugin} (true; false times the control with no probe alone, without starting probes or the plugin),
 * {@code jersey} (false; true sends Scope Cloud's controls with {@code Content-Type: application/octet-stream}, which
 * the control handler in front of Jersey leaves to Jersey, so that both paths of one build can be timed), and
 * {@code floorScope} with {@code floorCloud} (two URLs: a trivial GET on each server, timed in the same rounds, the
 * floor of the HTTP stack and the client; e.g. a 404 of Scope's router and the admin port's {@code /admin/ping}).
 */
public final class ControlComparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_PROBE = "control, probe not connected";
    private static final String PLUGIN = "plugin control through a real probe";
    private static final String FLOOR = "trivial GET (the floor)";
    /** A body type the control handler in front of Jersey leaves to Jersey (which reads any). */
    private static final String JERSEY_ONLY = "application/octet-stream";

    /** What one run times besides the controls. */
    private record Options(boolean viaJersey, Map<String, URI> floor) {}

    private ControlComparison() {}

    public static void main(String[] args) throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(args.length > 0 ? args[0] : "control.properties"))) {
            p.load(in);
        }
        URI cloud = URI.create(p.getProperty("cloud"));
        URI scope = URI.create(p.getProperty("scope"));
        int requests = Integer.parseInt(p.getProperty("requests", "300"));
        int cold = Integer.parseInt(p.getProperty("cold", "20"));
        Path root = Path.of(p.getProperty("pluginsRoot", "/tmp/ctl-plugins"));
        String binary = p.getProperty("scopeBinary", "/work/scope-go/scope");
        boolean offline = Boolean.parseBoolean(p.getProperty("offline", "true"));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Map<String, URI> floor = new LinkedHashMap<>();
        if (p.getProperty("floorScope") != null && p.getProperty("floorCloud") != null) {
            floor.put("Scope", URI.create(p.getProperty("floorScope")));
            floor.put("Scope Cloud", URI.create(p.getProperty("floorCloud")));
        }
        Options options = new Options(Boolean.parseBoolean(p.getProperty("jersey", "false")), floor);
        CloudAccount account = CloudAccount.signUp(HttpClient.newHttpClient(), cloud);
        List<AppTarget> apps = List.of(AppTarget.scope(scope), AppTarget.scopeCloud(cloud, cloud, account));
        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).strip() + ";<host>";
        if (!Boolean.parseBoolean(p.getProperty("plugin", "true"))) {
            try (TimedClient timed = TimedClient.of(p)) {
                compare(timed, apps, Map.of(), requests, cold, options);
            }
            return;
        }
        try (TimedClient timed = TimedClient.of(p);
                BenchPlugin plugin = BenchPlugin.start(
                        root.resolve("benchplugin.sock"),
                        host,
                        Boolean.parseBoolean(p.getProperty("shortcut", "true")));
                ScopeProbe toScope =
                        ScopeProbe.start(binary, root, scope, null, offline, Path.of("/tmp/ctl-probe-scope.log"));
                ScopeProbe toCloud = ScopeProbe.start(
                        binary, root, cloud, account.probeToken(), offline, Path.of("/tmp/ctl-probe-cloud.log"))) {
            Map<String, String> controls = new LinkedHashMap<>();
            for (AppTarget app : apps) {
                String probeId = awaitProbe(http, app, app.name().equals("Scope") ? toScope : toCloud);
                String path = "/api/control/" + ReadPath.escape(probeId) + "/" + ReadPath.escape(host) + "/"
                        + plugin.control();
                awaitControl(http, app, path);
                controls.put(app.name(), path);
                System.err.printf("%s: probe %s answers %s%n", app.name(), probeId, plugin.control());
            }
            long pingsBefore = plugin.pings();
            compare(timed, apps, controls, requests, cold, options);
            if (plugin.pings() - pingsBefore != 2L * requests) {
                throw new IllegalStateException("the plugin got " + (plugin.pings() - pingsBefore) + " calls, not "
                        + 2 * requests + ": a control did not reach it");
            }
        }
    }

    /**
     * Times both controls on both apps, interleaved; {@code pluginControls} (the plugin control's path on each app)
     * empty for the control with no probe alone.
     */
    private static void compare(
            TimedClient http,
            List<AppTarget> apps,
            Map<String, String> pluginControls,
            int requests,
            int cold,
            Options options)
            throws Exception {
        List<String> kinds = new ArrayList<>(pluginControls.isEmpty() ? List.of(NO_PROBE) : List.of(NO_PROBE, PLUGIN));
        if (!options.floor().isEmpty()) {
            kinds.add(FLOOR);
        }
        Map<String, Map<String, Timings>> coldTimes = new LinkedHashMap<>();
        Map<String, Map<String, Timings>> warmTimes = new LinkedHashMap<>();
        for (int i = 0; i < requests; i++) {
            for (String what : kinds) {
                for (int a = 0; a < apps.size(); a++) {
                    AppTarget app = apps.get((a + i) % apps.size());
                    String path = what.equals(NO_PROBE)
                            ? "/api/control/0000000000000001/node/docker_stop_container"
                            : pluginControls.get(app.name());
                    long nanos = what.equals(FLOOR)
                            ? time(http, options.floor().get(app.name()))
                            : time(http, app, path, what.equals(PLUGIN), options.viaJersey());
                    (i < cold ? coldTimes : warmTimes)
                            .computeIfAbsent(what, k -> new LinkedHashMap<>())
                            .computeIfAbsent(app.name(), k -> new Timings())
                            .add(nanos);
                }
            }
            if (i % 500 == 499) {
                System.err.printf("%d of %d rounds%n", i + 1, requests);
            }
        }
        print("First " + cold + " requests", coldTimes);
        print("The next " + (requests - cold) + " requests", warmTimes);
    }

    /** One control call, timed from send to the answer's last byte; checks the outcome each app should give. */
    private static long time(TimedClient http, AppTarget app, String path, boolean reachesPlugin, boolean viaJersey)
            throws Exception {
        HttpRequest.Builder b = app.post(path).POST(HttpRequest.BodyPublishers.noBody());
        if (viaJersey && app.account().isPresent()) {
            b.header("Content-Type", JERSEY_ONLY);
        }
        TimedClient.Answer answer = http.send(b.build());
        boolean ok = answer.status() == 200;
        if (ok != reachesPlugin || answer.status() / 100 == 5) {
            throw new IllegalStateException(
                    app.name() + " answered " + path + " with " + answer.status() + ": " + answer.body());
        }
        return answer.nanos();
    }

    /** One trivial GET, timed from send to the answer's last byte, whatever its status. */
    private static long time(TimedClient http, URI url) throws Exception {
        return http.send(HttpRequest.newBuilder(url).GET().build()).nanos();
    }

    /** The id of the app's one probe, once it has reported. */
    private static String awaitProbe(HttpClient http, AppTarget app, ScopeProbe probe) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = http.send(app.get("/api/probes").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                JsonNode probes = JSON.readTree(r.body());
                if (probes.size() == 1) {
                    return probes.get(0).path("id").asText();
                }
                if (probes.size() > 1) {
                    throw new IllegalStateException(app.name() + " has " + probes.size()
                            + " probes; the comparison needs its probe to be the only one: " + r.body());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(app.name() + " lists no probe within 60 s: " + r.statusCode() + " "
                        + r.body() + "\n" + probe.logTail());
            }
            Thread.sleep(250);
        }
    }

    /** Waits until the probe has read the plugin's report and registered its control. */
    private static void awaitControl(HttpClient http, AppTarget app, String path) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> r = http.send(
                    app.post(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(app.name() + " does not run the plugin's control within 60 s: "
                        + r.statusCode() + " " + r.body());
            }
            Thread.sleep(250);
        }
    }

    private static void print(String title, Map<String, Map<String, Timings>> times) {
        Timings.printTable(title, "control", times, "Scope", "Scope Cloud");
    }

    /** Weave Scope's probe as a child process, reporting to one app; stopped when closed. */
    private record ScopeProbe(Process process, Path log) implements AutoCloseable {
        static ScopeProbe start(String binary, Path pluginsRoot, URI app, String token, boolean offline, Path log)
                throws Exception {
            List<String> command = new ArrayList<>();
            if (offline) {
                // As Scope's app is run for the comparison: no checkpoint call, a resolver that answers nothing.
                command.addAll(List.of(
                        "unshare",
                        "-m",
                        "sh",
                        "-c",
                        "echo 'nameserver 127.0.0.1' > /tmp/ctl-resolv.conf"
                                + " && mount --bind /tmp/ctl-resolv.conf /etc/resolv.conf"
                                + " && CHECKPOINT_DISABLE=1 exec \"$0\" \"$@\""));
            }
            command.addAll(List.of(
                    binary,
                    "--mode=probe",
                    "--weave=false",
                    "--probe.docker=false",
                    "--probe.kubernetes=false",
                    "--probe.ebpf.connections=false",
                    "--probe.conntrack=false",
                    "--probe.plugins.root=" + pluginsRoot));
            if (token != null) {
                command.add("--service-token=" + token);
            } else {
                command.add("--no-app"); // else the probe also reports to 127.0.0.1:4040, the default app
            }
            command.add(app.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new ScopeProbe(process, log);
        }

        String logTail() throws Exception {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
