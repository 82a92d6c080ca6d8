package io.scopecloud.query.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.DnsRecord;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where endpoints no probe claims go (Scope's {@code MapEndpoints}): the Internet, a known cloud
 * service, or nowhere; and processes outside containers going to the host's "uncontained" node.
 */
class PseudoNodesTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    private static final String HOST = "h1;<host>";

    /** One host on 10.0.0.0/8 with one process (pid 7) that owns one endpoint. */
    private static Report.Builder report() {
        return Report.builder()
                .ts(NOW)
                .id("r1")
                .node(
                        TopologyType.HOST,
                        Node.builder(HOST, "host")
                                .latest("host_name", NOW, "h1")
                                .set("local_networks", "10.0.0.0/8")
                                .build())
                .node(
                        TopologyType.PROCESS,
                        Node.builder("h1;7", "process")
                                .latest("pid", NOW, "7")
                                .latest("name", NOW, "app")
                                .latest("host_node_id", NOW, HOST)
                                .parent("host", HOST)
                                .build());
    }

    private static Node local(String id, String... adjacent) {
        Node.Builder b = Node.builder(id, "endpoint").latest("pid", NOW, "7").latest("host_node_id", NOW, HOST);
        for (String a : adjacent) {
            b.adjacent(a);
        }
        return b.build();
    }

    private static Map<String, RenderNode> render(Renderer renderer, Report r) {
        return renderer.render(new RenderContext(r, NOW)).nodes();
    }

    @Test
    void remoteClientsAreInboundInternetAndRemoteServersOutbound() {
        Report r = report().node(TopologyType.ENDPOINT, local(";10.0.0.1;80"))
                .node(TopologyType.ENDPOINT, local(";10.0.0.1;5000", ";93.184.216.34;443"))
                .node(
                        TopologyType.ENDPOINT,
                        Node.builder(";93.184.216.34;443", "endpoint").build())
                .node(
                        TopologyType.ENDPOINT,
                        Node.builder(";198.51.100.9;40000", "endpoint")
                                .adjacent(";10.0.0.1;80")
                                .build())
                .build();
        Map<String, RenderNode> nodes = render(ScopeRenderers.PROCESS_RENDERER, r);
        assertThat(nodes).containsOnlyKeys("h1;7", Ids.INCOMING_INTERNET, Ids.OUTGOING_INTERNET);
        assertThat(nodes.get(Ids.INCOMING_INTERNET).topology()).isEqualTo(Ids.PSEUDO);
        assertThat(nodes.get(Ids.INCOMING_INTERNET).adjacency()).containsExactly("h1;7");
        assertThat(nodes.get("h1;7").adjacency()).containsExactly(Ids.OUTGOING_INTERNET);
        assertThat(nodes.get(Ids.OUTGOING_INTERNET).adjacency()).isEmpty();
    }

    @Test
    void unclaimedEndpointsInsideTheLocalNetworksAreDropped() {
        Report r = report().node(TopologyType.ENDPOINT, local(";10.0.0.1;5000", ";10.9.9.9;443"))
                .node(
                        TopologyType.ENDPOINT,
                        Node.builder(";10.9.9.9;443", "endpoint").build())
                .build();
        Map<String, RenderNode> nodes = render(ScopeRenderers.PROCESS_RENDERER, r);
        assertThat(nodes).containsOnlyKeys("h1;7");
        assertThat(nodes.get("h1;7").adjacency()).isEmpty();
    }

    @Test
    void knownCloudServicesGetTheirOwnPseudoNode() {
        Report r = report().node(TopologyType.ENDPOINT, local(";10.0.0.1;5000", ";52.216.1.1;443"))
                .node(
                        TopologyType.ENDPOINT,
                        Node.builder(";52.216.1.1;443", "endpoint").build())
                .dns("52.216.1.1", DnsRecord.of(List.of("s3.amazonaws.com"), List.of()))
                .build();
        Map<String, RenderNode> nodes = render(ScopeRenderers.PROCESS_RENDERER, r);
        assertThat(nodes).containsKey("service-s3.amazonaws.com");
        assertThat(nodes.get("h1;7").adjacency()).containsExactly("service-s3.amazonaws.com");
    }

    @Test
    void processesOutsideContainersGoToTheHostsUncontainedNode() {
        Report r = report().node(TopologyType.ENDPOINT, local(";10.0.0.1;80")).build();
        Map<String, RenderNode> nodes = render(ScopeRenderers.CONTAINER_RENDERER, r);
        assertThat(nodes).containsOnlyKeys("pseudo:uncontained:h1");
        RenderNode uncontained = nodes.get("pseudo:uncontained:h1");
        assertThat(uncontained.topology()).isEqualTo(Ids.PSEUDO);
        assertThat(uncontained.childrenOf("process")).extracting(RenderNode::id).containsExactly("h1;7");
    }

    @Test
    void theBaseTransformDropsUnconnectedPseudoNodesAndTheInternetToInternetEdge() {
        Report r = report().node(TopologyType.ENDPOINT, local(";10.0.0.1;80"))
                .node(
                        TopologyType.ENDPOINT,
                        Node.builder(";198.51.100.9;40000", "endpoint")
                                .adjacent(";198.51.100.10;443")
                                .build())
                .node(
                        TopologyType.ENDPOINT,
                        Node.builder(";198.51.100.10;443", "endpoint").build())
                .build();
        Nodes rendered = ScopeRenderers.PROCESS_RENDERER.render(new RenderContext(r, NOW));
        assertThat(rendered.nodes().get(Ids.INCOMING_INTERNET).adjacency()).containsExactly(Ids.OUTGOING_INTERNET);
        Nodes shown = Filters.UNCONNECTED_PSEUDO.transform(rendered);
        assertThat(shown.nodes()).containsOnlyKeys("h1;7");
        assertThat(shown.filtered()).isEqualTo(2);
    }
}
