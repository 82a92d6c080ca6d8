package io.scopecloud.probe.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.probe.ProbeAgent;
import io.scopecloud.probe.cli.Launcher;
import io.scopecloud.probe.cli.PidFile;
import io.scopecloud.probe.cli.ProbeConfig;
import io.scopecloud.probe.cli.ProbeFlags;
import io.scopecloud.probe.net.ProbeIdentity;
import io.scopecloud.probe.publish.PublishListener;
import io.scopecloud.report.Node;
import io.scopecloud.report.PluginSpec;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole probe against a fake Scope app: reports with every topology and a plugin, a control
 * through the websocket to the plugin with its shortcut report, and {@code scope launch / status /
 * stop} with a real background JVM.
 */
class ProbeEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private FakeScopeApp app;
    private Process plugin;

    @BeforeEach
    void startApp() throws Exception {
        app = new FakeScopeApp("good-token");
    }

    @AfterEach
    void stop() throws Exception {
        if (plugin != null) {
            plugin.destroyForcibly().waitFor();
        }
        app.stop();
    }

    private ProbeConfig config(String token, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(
                "--service-token=" + token,
                "--service-url=" + app.url(),
                "--probe.publish.interval=300ms",
                "--probe.spy.interval=100ms",
                "--probe.plugins.root=" + temp.resolve("plugins"),
                "--probe.docker=false", // ContainersEndToEndIT covers containers
                "--state-dir=" + temp.resolve("state")));
        args.addAll(List.of(extra));
        return ProbeFlags.parse(args, Map.of("SCOPE_HOSTNAME", "e2e-host"));
    }

    private void startPlugin() throws Exception {
        Path script = Path.of(ProbeEndToEndIT.class
                .getResource("/plugins/scope_test_plugin.py")
                .toURI());
        plugin = new ProcessBuilder(
                        "python3",
                        script.toString(),
                        temp.resolve("plugins/testplugin/testplugin.sock").toString(),
                        temp.resolve("plugin.log").toString(),
                        "e2e-host;<host>")
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(plugin.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("listening");
    }

    @Test
    void reportsTheHostItsProcessesAndAPluginAndRunsThePluginsControl() throws Exception {
        startPlugin();
        ProbeConfig config = config("good-token");
        ProbeIdentity identity = ProbeIdentity.generate(config.token(), "e2e");
        try (ProbeAgent agent =
                new ProbeAgent(config, identity, Map.of("SCOPE_HOSTNAME", "e2e-host"), PublishListener.NONE)) {
            agent.start();

            FakeScopeApp.Posted posted = awaitReport(
                    r -> r.plugins().stream().anyMatch(p -> p.status().equals("ok")));
            assertThat(posted.headers())
                    .containsEntry("Authorization", "Scope-Probe token=good-token")
                    .containsEntry("X-Scope-Probe-ID", identity.probeId())
                    .containsEntry("X-Scope-Probe-Version", "e2e")
                    .containsEntry("User-Agent", "Scope_Probe/e2e")
                    .containsEntry("Content-Encoding", "gzip")
                    .containsEntry("Content-Type", "application/msgpack"); // as Scope's probes send
            Report report = posted.report();
            assertThat(report.shortcut()).isFalse();
            assertThat(report.windowNanos()).isPositive();
            Node host = report.topology(TopologyType.HOST).nodes().get("e2e-host;<host>");
            assertThat(host.latestValue("control_probe_id")).contains(identity.probeId());
            assertThat(host.latestValue("host_node_id")).contains("e2e-host;<host>");
            assertThat(host.latestValue("active_controls")).contains("testplugin~ping");
            assertThat(host.metrics()).containsKeys("host_cpu_usage_percent", "host_mem_usage_bytes", "load1", "pings");
            assertThat(report.topology(TopologyType.HOST).controls()).containsKey("testplugin~ping");
            Node me = report.topology(TopologyType.PROCESS)
                    .nodes()
                    .get("e2e-host;" + ProcessHandle.current().pid());
            assertThat(me.parents().get("host")).containsExactly("e2e-host;<host>");
            assertThat(report.plugins())
                    .extracting(PluginSpec::id, PluginSpec::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("testplugin", "ok"));

            FakeScopeApp.ProbeConnection control = app.nextConnection();
            control.call(1, "testplugin~ping", "e2e-host;<host>");
            assertThat(JSON.readTree(control.next()).get("Response").get("Seq").asLong())
                    .isEqualTo(1);
            assertThat(JSON.readTree(control.next())
                            .get("Value")
                            .get("value")
                            .get("pinged")
                            .asText())
                    .isEqualTo("e2e-host;<host>");

            Report shortcut = awaitReport(Report::shortcut).report();
            assertThat(shortcut.windowNanos()).isZero();
            Node shortcutHost = shortcut.topology(TopologyType.HOST).nodes().get("e2e-host;<host>");
            assertThat(shortcutHost.latestValue("test_plugin_pings")).contains("1");
            assertThat(shortcutHost.topology()).isEqualTo("host");
            assertThat(shortcut.topology(TopologyType.HOST).controls()).containsOnlyKeys("testplugin~ping");
        }
    }

    @Test
    void offersAHostShellOnlyWhenStartedWithTheFlag() throws Exception {
        ProbeConfig config = config("good-token", "--probe.host-exec");
        ProbeIdentity identity = ProbeIdentity.generate(config.token(), "e2e");
        try (ProbeAgent agent =
                new ProbeAgent(config, identity, Map.of("SCOPE_HOSTNAME", "e2e-host"), PublishListener.NONE)) {
            agent.start();
            Report report = awaitReport(
                            r -> !r.topology(TopologyType.HOST).nodes().isEmpty())
                    .report();
            assertThat(report.topology(TopologyType.HOST).controls()).containsKey("host_exec");
            assertThat(report.topology(TopologyType.HOST)
                            .nodes()
                            .get("e2e-host;<host>")
                            .latestValue("active_controls"))
                    .contains("host_exec");

            FakeScopeApp.ProbeConnection control = app.nextConnection();
            control.call(1, "host_exec", "e2e-host;<host>");
            control.next(); // the response header
            com.fasterxml.jackson.databind.JsonNode answer =
                    JSON.readTree(control.next()).get("Value");
            assertThat(answer.get("raw_tty").asBoolean()).isTrue();
            assertThat(answer.get("resize_tty_control").asText()).isEqualTo("host_resize_exec_tty");
            FakeScopeApp.PipeConnection pipe = app.pipe(answer.get("pipe").asText());
            pipe.type("echo shell-$((40+2))\n");
            pipe.awaitOutput("shell-42", Duration.ofSeconds(10));
            pipe.type("exit\n");
            assertThat(pipe.awaitClosed(Duration.ofSeconds(10))).isTrue();
        }
        // without the flag: not advertised, not registered
        app.reports.clear();
        app.connections.clear();
        ProbeConfig plain = config("good-token");
        // Another probe id, so that a last report of the probe above still in flight is not taken for this one's.
        ProbeIdentity plainIdentity = ProbeIdentity.generate(plain.token(), "e2e");
        try (ProbeAgent agent =
                new ProbeAgent(plain, plainIdentity, Map.of("SCOPE_HOSTNAME", "e2e-host"), PublishListener.NONE)) {
            agent.start();
            Report report = awaitReport(r -> r.topology(TopologyType.HOST).nodes().values().stream()
                            .anyMatch(n ->
                                    n.latestValue("control_probe_id").equals(Optional.of(plainIdentity.probeId()))))
                    .report();
            assertThat(report.topology(TopologyType.HOST).controls()).doesNotContainKey("host_exec");
            FakeScopeApp.ProbeConnection control = app.nextConnection();
            control.call(1, "host_exec", "e2e-host;<host>");
            control.next();
            assertThat(JSON.readTree(control.next()).get("Value").get("error").asText())
                    .isEqualTo("Control \"host_exec\" not recognised");
        }
    }

    @Test
    void noControlsMeansNoSocketAndNoControlsInReports() throws Exception {
        startPlugin();
        ProbeConfig config = config("good-token", "--probe.no-controls");
        try (ProbeAgent agent =
                new ProbeAgent(config, ProbeIdentity.generate("good-token", "e2e"), Map.of(), PublishListener.NONE)) {
            agent.start();

            Report report = awaitReport(
                            r -> r.plugins().stream().anyMatch(p -> p.status().equals("ok")))
                    .report();

            for (TopologyType type : TopologyType.values()) {
                assertThat(report.topology(type).controls()).isEmpty();
            }
            assertThat(app.connections.poll(1, java.util.concurrent.TimeUnit.SECONDS))
                    .isNull();
        }
    }

    @Test
    void launchesInTheBackgroundReportsItsStatusAndStops() throws Exception {
        ProbeConfig config = config("good-token");
        Launcher launcher = launcher();

        assertThat(launcher.launch(config)).isZero();
        try {
            assertThat(output.toString(StandardCharsets.UTF_8))
                    .contains("Scope probe launched in the background (pid ")
                    .contains("Reports are reaching the service");
            Optional<ProcessHandle> running = PidFile.runningProbe(config.pidFile());
            assertThat(running).isPresent();
            app.nextReport();

            output.reset();
            assertThat(launcher.launch(config)).isEqualTo(1);
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("already running");

            output.reset();
            assertThat(launcher.status(config)).isZero();
            assertThat(output.toString(StandardCharsets.UTF_8))
                    .contains("is running (pid " + running.get().pid() + ")")
                    .contains("last report accepted: 20");

            output.reset();
            assertThat(launcher.stop(config)).isZero();
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("Stopped the Scope probe");
            assertThat(running.get().isAlive()).isFalse();
            assertThat(launcher.status(config)).isEqualTo(3);
        } finally {
            PidFile.runningProbe(config.pidFile()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aRefusedTokenIsExplainedAndTheProbeKeepsTrying() throws Exception {
        ProbeConfig config = config("wrong-token");
        Launcher launcher = launcher();

        assertThat(launcher.launch(config)).isZero();
        try {
            assertThat(output.toString(StandardCharsets.UTF_8))
                    .contains("Problem: the service refused the probe token (HTTP 401)")
                    .contains("keeps retrying");
            assertThat(PidFile.runningProbe(config.pidFile())).isPresent();
            output.reset();
            launcher.status(config);
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("refused the probe token");
        } finally {
            launcher.stop(config);
        }
    }

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private Launcher launcher() {
        return new Launcher(
                new PrintStream(output, true, StandardCharsets.UTF_8),
                Map.of("SCOPE_HOSTNAME", "e2e-host", "HOME", temp.toString()),
                Duration.ofSeconds(20));
    }

    private FakeScopeApp.Posted awaitReport(java.util.function.Predicate<Report> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            FakeScopeApp.Posted posted = app.nextReport();
            if (condition.test(posted.report())) {
                return posted;
            }
        }
        throw new AssertionError("no matching report");
    }
}
