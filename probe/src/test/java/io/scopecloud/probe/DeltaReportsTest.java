package io.scopecloud.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Sample;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeltaReportsTest {
    private static final Instant T1 = Instant.parse("2026-12-06T05:00:00Z");
    private static final Instant T2 = T1.plusSeconds(3);

    private static Node pod(String uid, Instant at, String state, String parent) {
        Node.Builder b = Node.builder(uid + ";<pod>", "pod")
                .latest("kubernetes_state", at, state)
                .latest("kubernetes_name", at, uid);
        if (parent != null) {
            b.parent("deployment", parent);
        }
        return b.build();
    }

    private static Report report(Node... pods) {
        Topology.Builder t = Topology.builder(TopologyType.POD)
                .metadataTemplate(new MetadataTemplate("kubernetes_state", "State", 0, "", 2, "latest"));
        for (Node p : pods) {
            t.node(p);
        }
        return Report.builder().topology(TopologyType.POD, t.build()).build();
    }

    @Test
    void unchangedNodesAreLeftOutEvenWithNewTimestamps() {
        Report full = report(pod("a", T1, "Running", "d;<deployment>"));
        Report now = report(pod("a", T2, "Running", "d;<deployment>"));

        Topology pods = DeltaReports.against(full, now).topology(TopologyType.POD);

        assertThat(pods.nodes()).isEmpty();
        assertThat(pods.metadataTemplates()).isEmpty();
        assertThat(pods.shape()).isEmpty();
    }

    @Test
    void aChangedNodeKeepsItsKeyAndOnlyTheChangedPartsWithoutIdAndTopology() {
        Report full = report(pod("a", T1, "Pending", "d;<deployment>"));
        Report now = report(pod("a", T2, "Running", "d;<deployment>"));

        Node delta = DeltaReports.against(full, now)
                .topology(TopologyType.POD)
                .nodes()
                .get("a;<pod>");

        assertThat(delta.id()).isEmpty();
        assertThat(delta.topology()).isEmpty();
        assertThat(delta.latestValue("kubernetes_state")).contains("Running");
        assertThat(delta.latestValue("kubernetes_name")).contains("a"); // the whole latest map
        assertThat(delta.parents()).isEmpty(); // unchanged, dropped
    }

    @Test
    void newNodesGoWholeAndMetricsAlways() {
        Node withMetric = Node.builder("h;<host>", "host")
                .latest("host_name", T1, "h")
                .metric("host_cpu_usage_percent", 0, 100, new Sample(T2, 5))
                .build();
        Report full = report().withTopology(
                        TopologyType.HOST,
                        Topology.builder(TopologyType.HOST).node(withMetric).build());
        Report now = report(pod("b", T2, "Running", null))
                .withTopology(
                        TopologyType.HOST,
                        Topology.builder(TopologyType.HOST).node(withMetric).build());

        Report delta = DeltaReports.against(full, now);

        assertThat(delta.topology(TopologyType.POD).nodes().get("b;<pod>")).isEqualTo(pod("b", T2, "Running", null));
        Node host = delta.topology(TopologyType.HOST).nodes().get("h;<host>");
        assertThat(host.id()).isEmpty();
        assertThat(host.metrics()).containsKey("host_cpu_usage_percent");
        assertThat(host.latest()).isEmpty();
    }

    @Test
    void theWindowsMergeOfFullAndDeltaIsTheCurrentReport() {
        Report full = report(pod("a", T1, "Pending", "d;<deployment>"), pod("c", T1, "Running", null));
        Report now = report(
                pod("a", T2, "Running", "d;<deployment>"),
                pod("c", T1, "Running", null),
                pod("b", T2, "Running", null));

        Report merged =
                Report.mergeAll(List.of(full, DeltaReports.against(full, now))).withoutPartMergedNodes();

        assertThat(merged.topology(TopologyType.POD).nodes())
                .isEqualTo(now.topology(TopologyType.POD).nodes());
    }

    @Test
    void aDeltaAloneLeavesOnlyPartMergedNodesThatConsumersDrop() {
        Report full = report(pod("a", T1, "Pending", null));
        Report delta = DeltaReports.against(full, report(pod("a", T2, "Running", null)));

        assertThat(delta.withoutPartMergedNodes().topology(TopologyType.POD).nodes())
                .isEmpty();
    }
}
