package io.scopecloud.standalone;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.host.HostName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The real Scope Cloud probe ({@code scope run}, {@code io.scopecloud.probe.ProbeMain}) in a JVM
 * of its own, reporting this host and its processes to a test's service, with the real test
 * plugin (the probe module's {@code scope_test_plugin.py}: a Python HTTP server on a UNIX socket
 * that decorates the host with a "Pings" metric and a {@code testplugin~ping} control) in its
 * plugins root. A child process, so a test can freeze it ({@code SIGSTOP}) or kill it outright.
 * Its console goes to {@code probe.log} in the work directory, whose tail {@link #toString()} gives.
 */
final class RealProbe implements AutoCloseable {
    static final String PLUGIN_ID = "testplugin";
    static final String PING = PLUGIN_ID + "~ping";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process plugin;
    private final Process probe;
    private final Path work;
    private final Path pluginsRoot;
    private final String hostId;
    private final String probeId;
    private volatile boolean frozen;

    private RealProbe(Process plugin, Process probe, Path work, Path pluginsRoot, String hostId, String probeId) {
        this.plugin = plugin;
        this.probe = probe;
        this.work = work;
        this.pluginsRoot = pluginsRoot;
        this.hostId = hostId;
        this.probeId = probeId;
    }

    /**
     * Starts the plugin, then {@code scope run --service-token=<token> --service-url=<service>}
     * with the plugin's root, and returns once the service accepted the probe's first report.
     *
     * @param hostExec whether the probe offers {@code host_exec} (a real shell on this host)
     */
    static RealProbe start(URI service, String token, boolean hostExec) throws Exception {
        requireNonNull(service, "service is null");
        requireNonNull(token, "token is null");
        if (hostExec) {
            try {
                Class.forName("com.pty4j.PtyProcessBuilder", false, RealProbe.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError("the probe's host_exec needs pty4j, missing from the test classpath: Maven"
                        + " dropped the probe's dependencies (look for \"The POM for io.scopecloud:probe:jar is"
                        + " invalid\"); install the root pom (./mvnw -o -q install -N) and the probe again");
            }
        }
        Path work = Files.createTempDirectory(Path.of(System.getProperty("scopecloud.test.work", "target")), "probe");
        // A short path: a UNIX socket's path may not exceed 107 bytes, a build directory's easily does.
        Path pluginsRoot = Files.createTempDirectory("scope-plugins");
        String hostId = HostName.resolve(Path.of("/proc"), System.getenv());
        Process plugin = startPlugin(pluginsRoot, work.resolve("plugin-requests.log"), hostId + ";<host>");
        Process probe = null;
        try {
            List<String> command = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx192m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.scopecloud.probe.ProbeMain",
                    "run",
                    "--service-token=" + token,
                    "--service-url=" + service,
                    "--probe.plugins.root=" + pluginsRoot,
                    "--probe.docker=false",
                    "--probe.host-exec=" + hostExec,
                    "--state-dir=" + work.resolve("state"));
            probe = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("probe.log").toFile())
                    .start();
            String id = awaitFirstReport(probe, work);
            return new RealProbe(plugin, probe, work, pluginsRoot, hostId, id);
        } catch (Exception | Error e) {
            if (probe != null) {
                probe.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            plugin.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Process startPlugin(Path root, Path requestLog, String hostNode) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            throw new AssertionError("the real test plugin needs Python 3 at " + python
                    + ": install it with `apt-get install -y python3`");
        }
        Path socket = root.resolve(PLUGIN_ID).resolve(PLUGIN_ID + ".sock");
        Process plugin = new ProcessBuilder(
                        python.toString(),
                        pluginScript().toString(),
                        socket.toString(),
                        requestLog.toString(),
                        hostNode)
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(plugin.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        if (!"listening".equals(first)) {
            plugin.destroyForcibly();
            throw new AssertionError("the test plugin did not start: it said " + first);
        }
        Thread drain = new Thread(() -> drain(plugin.getInputStream()), "test-plugin-output");
        drain.setDaemon(true);
        drain.start();
        return plugin;
    }

    /** The probe module's test plugin, copied here by the test-resources entry in this module's pom. */
    private static Path pluginScript() throws URISyntaxException {
        var url = RealProbe.class.getResource("/plugins/scope_test_plugin.py");
        if (url == null) {
            throw new AssertionError("plugins/scope_test_plugin.py is not on the test classpath: it comes from"
                    + " probe/src/test/resources/plugins through infra/standalone/pom.xml's testResources");
        }
        return Path.of(url.toURI());
    }

    /** Waits for the probe's status file to say a report got through; the probe's id. */
    private static String awaitFirstReport(Process probe, Path work) throws Exception {
        Path status = work.resolve("state").resolve("probe.status");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!probe.isAlive()) {
                throw new AssertionError("the probe exited with " + probe.exitValue() + ":\n" + tail(work));
            }
            if (Files.exists(status)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(status)) {
                    p.load(in);
                } catch (IOException e) {
                    continue; // being replaced
                }
                if ("ok".equals(p.getProperty("state"))) {
                    return p.getProperty("probeId");
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "the probe's first report was not accepted within " + START_TIMEOUT + ":\n" + tail(work));
    }

    /** The probe's {@code X-Scope-Probe-ID}, the first segment of a control's path. */
    String probeId() {
        return probeId;
    }

    /** This host's id in reports ({@code vm} for host node {@code vm;<host>}). */
    String hostId() {
        return hostId;
    }

    String hostNodeId() {
        return hostId + ";<host>";
    }

    /** What the plugin was asked: each request line, Host header and body. */
    String pluginRequests() throws IOException {
        Path log = work.resolve("plugin-requests.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Freezes the probe (SIGSTOP): its sockets stay open, but it answers nothing. */
    void freeze() throws Exception {
        Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(probe.pid()))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -STOP " + probe.pid() + " failed");
        }
        frozen = true;
    }

    /** Kills the probe at once (SIGKILL): no goodbye on its sockets, the kernel just closes them. */
    void kill() throws InterruptedException {
        probe.destroyForcibly();
        if (!probe.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the probe survived SIGKILL for 30 s");
        }
    }

    /**
     * Bytes that arrived on the probe's TCP connections to {@code port} and that it has not read:
     * with the probe frozen, a control call the service sent it shows here.
     */
    long unreadBytesFrom(int port) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(probe.pid()), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        long unread = 0;
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", Long.toString(probe.pid()), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                String[] f = line.trim().split("\\s+", -1);
                String remote = f[2];
                int remotePort = Integer.parseInt(remote.substring(remote.indexOf(':') + 1), 16);
                if (remotePort == port && inodes.contains(f[9])) {
                    unread += Long.parseLong(f[4].substring(f[4].indexOf(':') + 1), 16);
                }
            }
        }
        return unread;
    }

    /** Stops the plugin and the probe (politely, then by force); safe to call twice. */
    @Override
    public void close() {
        try {
            if (probe.isAlive() && !frozen) {
                probe.destroy();
                if (!probe.waitFor(15, TimeUnit.SECONDS)) {
                    probe.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
                }
            } else if (probe.isAlive()) {
                probe.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
            plugin.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            Files.deleteIfExists(pluginsRoot.resolve(PLUGIN_ID).resolve(PLUGIN_ID + ".sock"));
            Files.deleteIfExists(pluginsRoot.resolve(PLUGIN_ID));
            Files.deleteIfExists(pluginsRoot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    @Override
    public String toString() {
        return "probe " + probeId + " on " + hostId + "; the end of its log:\n" + tail(work);
    }

    private static String tail(Path work) {
        try {
            Path log = work.resolve("probe.log");
            if (!Files.exists(log)) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void drain(InputStream in) {
        try (in) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the plugin ended
        }
    }
}
