package io.scopecloud.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaggerTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:17:10Z");

    @Test
    void stampsTopologiesAndLinksHostScopedNodesToTheHost() {
        Report report = Report.builder()
                .node(TopologyType.PROCESS, Node.builder("vm;42", "").build())
                .node(TopologyType.HOST, Node.builder("vm;<host>", "").build())
                .node(
                        TopologyType.CONTAINER,
                        Node.builder("abc;<container>", "").build())
                .node(TopologyType.ENDPOINT, Node.builder(";10.0.0.5;443", "").build())
                .node(TopologyType.POD, Node.builder("uid;<pod>", "").build())
                .build();

        Report tagged = new Tagger("vm;<host>").tag(report, NOW);

        Node process = tagged.topology(TopologyType.PROCESS).nodes().get("vm;42");
        assertThat(process.topology()).isEqualTo("process");
        assertThat(process.latestValue("host_node_id")).contains("vm;<host>");
        assertThat(process.parents().get("host")).containsExactly("vm;<host>");
        assertThat(tagged.topology(TopologyType.HOST)
                        .nodes()
                        .get("vm;<host>")
                        .parents()
                        .get("host"))
                .containsExactly("vm;<host>");
        assertThat(tagged.topology(TopologyType.CONTAINER)
                        .nodes()
                        .get("abc;<container>")
                        .topology())
                .isEqualTo("container");
        Node endpoint = tagged.topology(TopologyType.ENDPOINT).nodes().get(";10.0.0.5;443");
        assertThat(endpoint.topology()).isEqualTo("endpoint");
        assertThat(endpoint.latest()).doesNotContainKey("host_node_id");
        assertThat(endpoint.parents()).isEmpty();
        Node pod = tagged.topology(TopologyType.POD).nodes().get("uid;<pod>");
        assertThat(pod.topology()).isEqualTo("pod");
        assertThat(pod.parents()).isEmpty();
    }

    @Test
    void fillsTheIdOfNodesThatLackOne() {
        Report report = Report.builder()
                .topology(
                        TopologyType.HOST,
                        Report.empty().topology(TopologyType.HOST).withNode("vm;<host>", Node.of("", "")))
                .build();

        Node host = new Tagger("vm;<host>")
                .tag(report, NOW)
                .topology(TopologyType.HOST)
                .nodes()
                .get("vm;<host>");

        assertThat(host.id()).isEqualTo("vm;<host>");
    }
}
