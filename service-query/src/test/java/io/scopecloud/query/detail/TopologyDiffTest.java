package io.scopecloud.query.detail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scopecloud.query.Fixtures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The topology websocket's messages against Weave Scope's own (captured frames of its
 * {@code /api/topology/{id}/ws}): the first message adds everything with {@code reset}, later
 * ones carry only what changed, and an unchanged view gives the empty diff Scope sends.
 */
class TopologyDiffTest {
    private static List<JsonNode> frames(String fixture) throws JsonProcessingException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : Fixtures.json(fixture).get("frames")) {
            if ("recv".equals(f.path("dir").asText())) {
                out.add(Fixtures.JSON.readTree(f.get("raw").asText()));
            }
        }
        return out;
    }

    private static Map<String, NodeSummary> apply(Map<String, NodeSummary> view, JsonNode diff)
            throws JsonProcessingException {
        Map<String, NodeSummary> out = new LinkedHashMap<>(view);
        for (String field : List.of("add", "update")) {
            for (JsonNode n : diff.path(field)) {
                NodeSummary s = Fixtures.JSON.treeToValue(n, NodeSummary.class);
                out.put(s.id(), s);
            }
        }
        diff.path("remove").forEach(id -> out.remove(id.asText()));
        return out;
    }

    /** Scope lists nodes in Go's (random) map order; ours are sorted by id: compare sorted. */
    private static JsonNode sorted(JsonNode message) {
        ObjectNode copy = message.deepCopy();
        for (String field : List.of("add", "update")) {
            if (copy.get(field) instanceof ArrayNode nodes) {
                List<JsonNode> list = new ArrayList<>();
                nodes.forEach(list::add);
                list.sort(Comparator.comparing(n -> n.get("id").asText()));
                copy.set(field, Fixtures.JSON.createArrayNode().addAll(list));
            }
        }
        return copy;
    }

    private static JsonNode json(TopologyDiff diff) {
        return Fixtures.JSON.valueToTree(diff);
    }

    @Test
    void replaysScopesProcessesWebsocket() throws Exception {
        List<JsonNode> scope = frames("ws_topology_processes.json");
        assertThat(scope).hasSize(4);
        Map<String, NodeSummary> first = apply(Map.of(), scope.get(0));
        assertThat(json(TopologyDiff.between(null, first))).isEqualTo(sorted(scope.get(0)));
        assertThat(json(TopologyDiff.between(first, first))).isEqualTo(sorted(scope.get(1)));
        Map<String, NodeSummary> second = apply(first, scope.get(2));
        assertThat(json(TopologyDiff.between(first, second))).isEqualTo(sorted(scope.get(2)));
        assertThat(TopologyDiff.between(second, second).isEmpty()).isTrue();
    }

    @Test
    void replaysScopesHostsWebsocket() throws Exception {
        List<JsonNode> scope = frames("ws_topology_hosts.json");
        Map<String, NodeSummary> view = apply(Map.of(), scope.get(0));
        assertThat(json(TopologyDiff.between(null, view))).isEqualTo(sorted(scope.get(0)));
        for (JsonNode frame : scope.subList(1, scope.size())) {
            Map<String, NodeSummary> next = apply(view, frame);
            assertThat(json(TopologyDiff.between(view, next))).isEqualTo(sorted(frame));
            view = next;
        }
    }

    @Test
    void listsRemovedNodesByIdAndAddedOnesSorted() throws Exception {
        Map<String, NodeSummary> before =
                apply(Map.of(), frames("ws_topology_processes.json").get(0));
        assertThat(before).hasSizeGreaterThan(2);
        List<String> ids = before.keySet().stream().sorted().toList();
        Map<String, NodeSummary> after = new LinkedHashMap<>(before);
        NodeSummary gone = after.remove(ids.get(0));
        TopologyDiff removed = TopologyDiff.between(before, after);
        assertThat(removed.remove()).containsExactly(gone.id());
        assertThat(removed.add()).isNull();
        assertThat(removed.update()).isNull();
        assertThat(removed.reset()).isFalse();

        TopologyDiff back = TopologyDiff.between(after, before);
        assertThat(back.add()).containsExactly(gone);
        assertThat(back.remove()).isNull();
        assertThat(json(TopologyDiff.between(null, before)).get("add").size()).isEqualTo(before.size());
        assertThat(TopologyDiff.between(null, before).add())
                .extracting(NodeSummary::id)
                .isSorted();
    }
}
