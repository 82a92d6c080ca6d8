package io.scopecloud.probe.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.testing.Fixtures;
import io.scopecloud.report.Control;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PluginControlNamesTest {

    @Test
    void prefixesTopologyControlsAndActiveControls() {
        Report iowait = Fixtures.report("iowait_report.json");

        PluginControlNames.Renamed renamed = PluginControlNames.rename(iowait, "iowait");

        assertThat(renamed.controls()).containsExactly("switchToIOWait", "switchToIdle");
        var host = renamed.report().topology(TopologyType.HOST);
        assertThat(host.controls().keySet()).containsExactlyInAnyOrder("iowait~switchToIOWait", "iowait~switchToIdle");
        assertThat(host.controls().get("iowait~switchToIOWait"))
                .isEqualTo(new Control("iowait~switchToIOWait", "Switch to IO wait", "fa-clock-o", 1));
        assertThat(host.nodes().get("vm;<host>").latestValue("active_controls")).contains("iowait~switchToIOWait");
    }

    @Test
    void leavesActiveControlsTheTopologyDoesNotDefine() {
        Instant t = Instant.parse("2026-11-23T00:00:00Z");
        Report report = Report.builder()
                .node(
                        TopologyType.HOST,
                        Node.builder("vm;<host>", "host")
                                .latest("active_controls", t, "host_exec;ping")
                                .build())
                .build();
        report = report.withTopology(
                TopologyType.HOST,
                report.topology(TopologyType.HOST).toBuilder()
                        .control(new Control("ping", "Ping", "fa-bell", 0))
                        .build());

        Report renamed = PluginControlNames.rename(report, "recorder").report();

        Node node = renamed.topology(TopologyType.HOST).nodes().get("vm;<host>");
        assertThat(node.latest().get("active_controls").value()).isEqualTo("host_exec;recorder~ping");
        assertThat(node.latest().get("active_controls").timestamp()).isEqualTo(t);
    }

    @Test
    void splitsPrefixedNames() {
        assertThat(PluginControlNames.split("iowait~switchToIdle")).containsExactly("iowait", "switchToIdle");
        assertThat(PluginControlNames.split("a~b~c")).containsExactly("a", "b~c");
        assertThat(PluginControlNames.split("host_exec")).containsExactly("", "host_exec");
    }

    @Test
    void derivesPluginIdsFromSocketNames() {
        assertThat(PluginSockets.pluginId(Path.of("/var/run/scope/plugins/iowait/iowait.sock")))
                .contains("iowait");
        assertThat(PluginSockets.pluginId(Path.of("/p/http-requests.sock"))).contains("http-requests");
        assertThat(PluginSockets.pluginId(Path.of("/p/noext"))).contains("noext");
        assertThat(PluginSockets.pluginId(Path.of("/p/bad_name.sock"))).isEmpty();
        assertThat(PluginSockets.pluginId(Path.of("/p/a.b.sock"))).isEmpty();
        assertThat(PluginSockets.pluginId(Path.of("/p/-lead.sock"))).isEmpty();
        assertThat(PluginSockets.pluginId(Path.of("/p/double--dash.sock"))).isEmpty();
    }
}
