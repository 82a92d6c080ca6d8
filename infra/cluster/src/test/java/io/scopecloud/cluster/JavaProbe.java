package io.scopecloud.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The real Scope Cloud probe ({@code scope run}) on a host of its own, posting through the proxy,
 * with the probe module's test plugin ({@code testplugin~ping} on the host node) beside it. Its
 * host name is its host's name ({@code SCOPE_HOSTNAME}), so three probes on one machine are three
 * hosts on the map.
 */
final class JavaProbe implements AutoCloseable {
    static final String PING = "testplugin~ping";

    private final String host;
    private final HostProcess plugin;
    private final HostProcess probe;
    private final Path state;
    private final Path pluginsRoot;

    private JavaProbe(String host, HostProcess plugin, HostProcess probe, Path state, Path pluginsRoot) {
        this.host = host;
        this.plugin = plugin;
        this.probe = probe;
        this.state = state;
        this.pluginsRoot = pluginsRoot;
    }

    static JavaProbe start(String host, URI proxy, String token, Path work) throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            throw new AssertionError("the real test plugin needs Python 3: `apt-get install -y python3`");
        }
        Path dir = work.resolve(host);
        Files.createDirectories(dir);
        // a short path: a UNIX socket's path may not exceed 107 bytes
        Path pluginsRoot = Files.createTempDirectory("scc-plugins");
        Path socket = pluginsRoot.resolve("testplugin").resolve("testplugin.sock");
        Files.createDirectories(socket.getParent());
        HostProcess plugin = new HostProcess(
                host + "-plugin",
                host,
                List.of(
                        python.toString(),
                        pluginScript().toString(),
                        socket.toString(),
                        dir.resolve("plugin-requests.log").toString(),
                        host + ";<host>"),
                Map.of(),
                dir.resolve("plugin.log"));
        HostProcess probe = new HostProcess(
                host,
                host,
                HostProcess.java(
                        "160m",
                        List.of(),
                        "io.scopecloud.probe.ProbeMain",
                        "run",
                        "--service-token=" + token,
                        "--service-url=" + proxy,
                        "--probe.plugins.root=" + pluginsRoot,
                        "--probe.docker=false",
                        "--probe.host-exec=false",
                        "--state-dir=" + dir.resolve("state")),
                Map.of("SCOPE_HOSTNAME", host),
                dir.resolve("probe.log"));
        plugin.start();
        probe.start();
        return new JavaProbe(host, plugin, probe, dir.resolve("state"), pluginsRoot);
    }

    private static Path pluginScript() throws URISyntaxException {
        var url = JavaProbe.class.getResource("/plugins/scope_test_plugin.py");
        if (url == null) {
            throw new AssertionError("plugins/scope_test_plugin.py is not on the test classpath (see the pom)");
        }
        return Path.of(url.toURI());
    }

    /** Waits for the probe's status file to say a report got through; its probe id. */
    String awaitFirstReport(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path status = state.resolve("probe.status");
        while (System.nanoTime() < deadline) {
            if (!probe.isAlive()) {
                throw new AssertionError("the probe on " + host + " exited:\n" + probe.tail(40));
            }
            if (Files.exists(status)) {
                Properties p = new Properties();
                try (InputStream in = Files.newInputStream(status)) {
                    p.load(in);
                    if ("ok".equals(p.getProperty("state"))) {
                        return p.getProperty("probeId");
                    }
                } catch (IOException e) {
                    // being replaced
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "the probe on " + host + " had no report accepted within " + timeout + ":\n" + probe.tail(40));
    }

    String hostNodeId() {
        return host + ";<host>";
    }

    String host() {
        return host;
    }

    String tail() {
        return probe.tail(40);
    }

    @Override
    public void close() {
        probe.stop();
        plugin.kill();
        try {
            Files.deleteIfExists(pluginsRoot.resolve("testplugin").resolve("testplugin.sock"));
            Files.deleteIfExists(pluginsRoot.resolve("testplugin"));
            Files.deleteIfExists(pluginsRoot);
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
