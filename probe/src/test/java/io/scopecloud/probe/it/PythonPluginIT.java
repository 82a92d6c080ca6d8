package io.scopecloud.probe.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.plugins.JsonReportParser;
import io.scopecloud.probe.plugins.PluginRegistry;
import io.scopecloud.probe.plugins.SocketChannelHttpClient;
import io.scopecloud.report.Node;
import io.scopecloud.report.PluginSpec;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real plugin process (Python's http.server on a UNIX socket) reporting and answering a control. */
class PythonPluginIT {
    private static final String PROBE_ID = "60a4c0caa413a3ff";
    private static final String HOST_NODE = "it-host;<host>";

    @TempDir
    Path root;

    private final List<Process> plugins = new CopyOnWriteArrayList<>();
    private final List<Report> shortcuts = new CopyOnWriteArrayList<>();
    private final ControlRegistry controls = new ControlRegistry();

    @AfterEach
    void stopPlugins() throws InterruptedException {
        for (Process p : plugins) {
            p.destroyForcibly().waitFor();
        }
    }

    private Path startPlugin(String id, String... extra) throws Exception {
        Path script = Path.of(PythonPluginIT.class
                .getResource("/plugins/scope_test_plugin.py")
                .toURI());
        Path socket = root.resolve(id).resolve(id + ".sock");
        Path log = root.resolve(id + ".log");
        List<String> command = new java.util.ArrayList<>(
                List.of("python3", script.toString(), socket.toString(), log.toString(), HOST_NODE));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        plugins.add(process);
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("listening");
        return log;
    }

    private PluginRegistry registry() {
        return new PluginRegistry(
                root,
                PROBE_ID,
                new SocketChannelHttpClient("Scope_Probe/it"),
                new JsonReportParser(),
                controls,
                shortcuts::add);
    }

    @Test
    void pollsARealPluginAndRenamesItsControls() throws Exception {
        Path log = startPlugin("testplugin");
        PluginRegistry registry = registry();
        registry.scan();

        Report report = registry.report();

        assertThat(report.plugins())
                .containsExactly(new PluginSpec(
                        "testplugin", "Test plugin", "answers pings", List.of("reporter", "controller"), "1", "ok"));
        Topology host = report.topology(TopologyType.HOST);
        assertThat(host.controls()).containsOnlyKeys("testplugin~ping");
        assertThat(host.controls().get("testplugin~ping").id()).isEqualTo("testplugin~ping");
        Node node = host.nodes().get(HOST_NODE);
        assertThat(node.latestValue("active_controls")).contains("testplugin~ping");
        assertThat(node.latestValue("test_plugin_pings")).contains("0");
        assertThat(node.metrics()).containsKey("pings");
        assertThat(host.metricTemplates()).containsKey("pings");
        assertThat(Files.readString(log))
                .startsWith("GET /report?api_version=1&probe_id=" + PROBE_ID + " HTTP/1.1\nHost: plugin\n");
    }

    @Test
    void runsAPluginControlAndPublishesItsShortcutReport() throws Exception {
        Path log = startPlugin("testplugin");
        PluginRegistry registry = registry();
        registry.scan();
        registry.report();

        ControlResponse response = controls.handle(
                new ControlRequest("3889987ea0042f96", HOST_NODE, "testplugin~ping", Map.of("arg1", "v1")));

        assertThat(response.isError()).isFalse();
        assertThat(response.value().get("pinged").asText()).isEqualTo(HOST_NODE);
        assertThat(response.value().get("args").get("arg1").asText()).isEqualTo("v1");
        String requests = Files.readString(log);
        assertThat(requests)
                .contains("POST /control?api_version=1&probe_id=" + PROBE_ID + " HTTP/1.1\nHost: plugin\n")
                .contains("{\"AppID\":\"3889987ea0042f96\",\"NodeID\":\"" + HOST_NODE
                        + "\",\"Control\":\"ping\",\"ControlArgs\":{\"arg1\":\"v1\"}}");
        assertThat(shortcuts).singleElement().satisfies(shortcut -> {
            assertThat(shortcut.shortcut()).isTrue();
            Topology host = shortcut.topology(TopologyType.HOST);
            assertThat(host.controls()).containsOnlyKeys("testplugin~ping");
            Node node = host.nodes().get(HOST_NODE);
            assertThat(node.latestValue("test_plugin_pings")).contains("1");
            assertThat(node.latestValue("active_controls")).contains("testplugin~ping");
        });
    }

    @Test
    void pluginsComeAndGoWithTheirSockets() throws Exception {
        PluginRegistry registry = registry();
        registry.scan();
        assertThat(registry.report().plugins()).isEmpty();

        startPlugin("testplugin");
        registry.scan();
        registry.report();
        assertThat(controls.contains("testplugin~ping")).isTrue();

        plugins.remove(0).destroyForcibly().waitFor();
        Files.deleteIfExists(root.resolve("testplugin/testplugin.sock"));
        registry.scan();

        assertThat(registry.plugins()).isEmpty();
        assertThat(controls.contains("testplugin~ping")).isFalse();
        assertThat(controls.handle(new ControlRequest("", HOST_NODE, "testplugin~ping", null))
                        .error())
                .isEqualTo("Control \"testplugin~ping\" not recognised");
    }

    @Test
    void aPluginSlowerThan500msIsReportedAsAnErrorWithoutItsData() throws Exception {
        startPlugin("slowplugin", "slow");
        PluginRegistry registry = registry();
        registry.scan();

        long start = System.nanoTime();
        Report report = registry.report();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isLessThan(1_500);
        assertThat(report.plugins()).singleElement().satisfies(spec -> {
            assertThat(spec.id()).isEqualTo("slowplugin");
            assertThat(spec.status()).startsWith("error: ").contains("timed out");
        });
        assertThat(report.nodeCount()).isZero();
    }
}
