package io.scopecloud.probe.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scopecloud.probe.testing.Fixtures;
import io.scopecloud.probe.testing.ProcTree;
import io.scopecloud.report.Metric;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostReporterTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:17:10.763152576Z");

    @TempDir
    Path temp;

    private HostReporter reporter() {
        Path proc = ProcTree.copy("host-a", temp);
        HostCollector collector =
                new HostCollector(proc, () -> List.of("127.0.0.1/8", "192.0.2.2/24"), Clock.fixed(NOW, ZoneOffset.UTC));
        return new HostReporter("host-a", "host-a", "3b0a37194325fdbc", "0.1.0", collector);
    }

    @Test
    void collectsTheHostFromAProcTree() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        HostSample sample = new HostCollector(proc, List::of, Clock.fixed(NOW, ZoneOffset.UTC)).collect();

        assertThat(sample.kernelVersion())
                .isEqualTo("6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)");
        assertThat(sample.uptimeSeconds()).isEqualTo(5251);
        assertThat(sample.load().one()).isEqualTo(0.86);
        assertThat(sample.memoryTotalBytes()).isEqualTo(24684092L * 1024);
        // first reading: the average since boot, as Scope reports it
        assertThat(sample.cpuUsagePercent())
                .isCloseTo(100.0 * (7907 + 2101 + 48 + 30) / (7907 + 2101 + 56149 + 169 + 48 + 30), within(1e-9));
    }

    @Test
    void reportsTheHostNodeWithScopesKeys() throws Exception {
        Report report = reporter().report();
        Node node = report.topology(TopologyType.HOST).nodes().get("host-a;<host>");

        assertThat(node).isNotNull();
        assertThat(node.latest().keySet())
                .containsExactlyInAnyOrder(
                        "control_probe_id", "ts", "host_name", "os", "kernel_version", "uptime", "host_scope_version");
        assertThat(node.latestValue("control_probe_id")).contains("3b0a37194325fdbc");
        assertThat(node.latestValue("os")).contains("linux");
        assertThat(node.latestValue("uptime")).contains("5251");
        assertThat(node.latestValue("ts")).contains("2026-11-23T00:17:10.763152576Z");
        assertThat(node.sets().get("local_networks")).containsExactly("127.0.0.1/8", "192.0.2.2/24");
        assertThat(node.metrics().keySet())
                .containsExactlyInAnyOrder("host_cpu_usage_percent", "host_mem_usage_bytes", "load1");
        Metric memory = node.metrics().get("host_mem_usage_bytes");
        assertThat(memory.max()).isEqualTo(24684092.0 * 1024);
        assertThat(memory.samples()).hasSize(1);
        assertThat(node.metrics().get("host_cpu_usage_percent").max()).isEqualTo(100.0);
        Metric load = node.metrics().get("load1");
        assertThat(load.min()).isEqualTo(0.86);
        assertThat(load.max()).isEqualTo(0.86);
    }

    @Test
    void advertisesTheHostShellOnlyWhenItIsEnabled() throws Exception {
        Topology without = reporter().report().topology(TopologyType.HOST);
        assertThat(without.controls()).isEmpty();
        assertThat(without.nodes().get("host-a;<host>").latest()).doesNotContainKey("active_controls");

        Path proc = ProcTree.copy("host-a", temp.resolve("enabled"));
        HostCollector collector = new HostCollector(proc, List::of, Clock.fixed(NOW, ZoneOffset.UTC));
        Topology with = new HostReporter("host-a", "host-a", "3b0a37194325fdbc", "0.1.0", collector, true)
                .report()
                .topology(TopologyType.HOST);
        Topology scopes = Fixtures.report("report-004.json").topology(TopologyType.HOST);
        assertThat(with.controls()).isEqualTo(scopes.controls());
        assertThat(with.nodes().get("host-a;<host>").latestValue("active_controls"))
                .isEqualTo(scopes.nodes().get("vm;<host>").latestValue("active_controls"));
    }

    @Test
    void emitsTheHostTemplatesOfScopesProbe() throws Exception {
        Topology ours = reporter().report().topology(TopologyType.HOST);
        Topology scopes = Fixtures.report("report-004.json").topology(TopologyType.HOST);

        assertThat(ours.metadataTemplates()).isEqualTo(scopes.metadataTemplates());
        assertThat(ours.metricTemplates()).isEqualTo(scopes.metricTemplates());
        assertThat(ours.shape()).isEqualTo(scopes.shape());
        assertThat(ours.label()).isEqualTo(scopes.label());
    }

    @Test
    void latestKeysAreThoseOfScopesHostNodeLessItsTaggedAndControlKeys() throws Exception {
        Node scopes = Fixtures.report("report-004.json")
                .topology(TopologyType.HOST)
                .nodes()
                .get("vm;<host>");
        Node ours = reporter().report().topology(TopologyType.HOST).nodes().get("host-a;<host>");

        // host_node_id is added by the tagger; active_controls only when host controls exist (not yet)
        assertThat(ours.latest().keySet())
                .containsExactlyInAnyOrderElementsOf(scopes.latest().keySet().stream()
                        .filter(k -> !k.equals("host_node_id") && !k.equals("active_controls"))
                        .toList());
        assertThat(ours.sets().keySet()).isEqualTo(scopes.sets().keySet());
        assertThat(ours.metrics().keySet()).isEqualTo(scopes.metrics().keySet());
    }

    @Test
    void writesTimestampsAsGosRfc3339Nano() {
        assertThat(HostReporter.rfc3339Nano(Instant.parse("2026-11-23T00:17:10.763140000Z")))
                .isEqualTo("2026-11-23T00:17:10.76314Z");
        assertThat(HostReporter.rfc3339Nano(Instant.parse("2026-11-23T00:17:10Z")))
                .isEqualTo("2026-11-23T00:17:10Z");
        assertThat(HostReporter.rfc3339Nano(Instant.parse("2026-11-23T00:17:10.763146344Z")))
                .isEqualTo("2026-11-23T00:17:10.763146344Z");
    }
}
