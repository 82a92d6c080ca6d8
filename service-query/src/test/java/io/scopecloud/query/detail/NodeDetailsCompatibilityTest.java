package io.scopecloud.query.detail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.render.RenderContext;
import io.scopecloud.query.topology.TopologyRegistry;
import io.scopecloud.query.topology.Views;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The node-details golden test: {@code GET api/topology/{id}/{node}} rendered by our rules from a
 * merged report, against what Weave Scope's app answered for the same node (every node-details
 * capture in {@code shared/fixtures/scope-1.13}): summary, metric samples, controls, children and
 * connection tables.
 */
class NodeDetailsCompatibilityTest {
    private static final Views VIEWS = new Views(new TopologyRegistry());
    private static final Set<String> VOLATILE_ROWS = Set.of("uptime", "threads");

    private static JsonNode details(String report, String topology, String nodeId) {
        RenderContext ctx = new RenderContext(Fixtures.report(report), Instant.parse("2026-11-23T00:17:50Z"));
        NodeDetails details = VIEWS.details(ctx, topology, nodeId, Map.<String, List<String>>of(), Censor.NONE)
                .orElseThrow();
        return Fixtures.JSON.valueToTree(Map.of("node", details));
    }

    /** The plugin capture and its merged report come from one app state: everything must match. */
    @Test
    void rendersThePluginProbesHostDetailsExactlyAsScopeDid() {
        assertThat(details("plugin_api_report.json", "hosts", "vm;<host>"))
                .isEqualTo(Fixtures.json("plugin_api_topology_hosts_vm_host.json"));
    }

    @Test
    void rendersProcessDetailsAsScopeDid() {
        JsonNode ours = details("api_report.json", "processes", "vm;16071");
        JsonNode scopes = Fixtures.json("api_topology_processes_vm_16071.json");
        assertThat(ours.at("/node/metrics/0/samples").size()).isEqualTo(15);
        assertThat(withoutMeasurements(ours)).isEqualTo(withoutMeasurements(scopes));
    }

    @Test
    void rendersHostDetailsAsScopeDid() {
        JsonNode ours = details("api_report.json", "hosts", "vm;<host>");
        JsonNode scopes = Fixtures.json("api_topology_hosts_vm_host.json");
        assertThat(ours.at("/node/children/0/topologyId").asText()).isEqualTo("processes");
        Set<String> common = commonChildIds(ours, scopes);
        assertThat(common).hasSizeGreaterThan(70);
        assertThat(withoutMeasurements(onlyChildren(ours, common)))
                .isEqualTo(withoutMeasurements(onlyChildren(scopes, common)));
        assertThat(ours.at("/node/connections")).isEqualTo(scopes.at("/node/connections"));
    }

    /*
     * The two captures above were taken seconds after the merged report (README of the fixtures):
     * metric readings, the host's uptime, thread counts and the set of short-lived processes moved on. Those are
     * blanked or intersected; every id, label, row, order, control and table is still compared.
     */

    private static JsonNode withoutMeasurements(JsonNode node) {
        JsonNode copy = node.deepCopy();
        blank(copy);
        return copy;
    }

    private static void blank(JsonNode n) {
        if (n instanceof ObjectNode o) {
            if ((o.has("samples") && o.has("format")) || (o.has("samples") && o.has("min"))) {
                o.remove(List.of("value", "min", "max"));
                if (o.get("samples") instanceof ArrayNode samples) {
                    o.put("samples", samples.size());
                }
            }
            if (VOLATILE_ROWS.contains(o.path("id").asText()) && o.has("value")) {
                o.remove("value");
            }
            o.elements().forEachRemaining(NodeDetailsCompatibilityTest::blank);
        } else if (n instanceof ArrayNode a) {
            a.elements().forEachRemaining(NodeDetailsCompatibilityTest::blank);
        }
    }

    private static Set<String> commonChildIds(JsonNode a, JsonNode b) {
        Set<String> ids = new HashSet<>();
        a.at("/node/children/0/nodes").forEach(n -> ids.add(n.get("id").asText()));
        Set<String> both = new HashSet<>();
        b.at("/node/children/0/nodes").forEach(n -> {
            if (ids.contains(n.get("id").asText())) {
                both.add(n.get("id").asText());
            }
        });
        return both;
    }

    private static JsonNode onlyChildren(JsonNode details, Set<String> ids) {
        JsonNode copy = details.deepCopy();
        for (JsonNode group : copy.at("/node/children")) {
            ArrayNode nodes = (ArrayNode) group.get("nodes");
            for (int i = nodes.size() - 1; i >= 0; i--) {
                if (!ids.contains(nodes.get(i).get("id").asText())) {
                    nodes.remove(i);
                }
            }
        }
        return copy;
    }
}
