package io.scopecloud.query.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.render.RenderContext;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The golden test: rendering {@code api_report.json} by our rules gives exactly what Weave Scope's
 * own app rendered from it (node ids, labels, shapes, ranks, metadata, metrics, adjacency).
 */
class ScopeCompatibilityTest {
    private static final Views VIEWS = new Views(new TopologyRegistry());

    private static RenderContext context(String fixture) {
        return new RenderContext(Fixtures.report(fixture), Instant.parse("2026-11-23T00:17:50Z"));
    }

    private static JsonNode rendered(RenderContext ctx, String topology) {
        return Fixtures.JSON.valueToTree(Map.of("nodes", VIEWS.summaries(ctx, topology, Map.of(), Censor.NONE)));
    }

    @Test
    void rendersHostsAsScopeDid() {
        assertThat(rendered(context("api_report.json"), "hosts")).isEqualTo(Fixtures.json("api_topology_hosts.json"));
    }

    @Test
    void rendersProcessesAsScopeDid() {
        assertThat(rendered(context("api_report.json"), "processes"))
                .isEqualTo(Fixtures.json("api_topology_processes.json"));
    }

    @Test
    void rendersProcessesByNameAsScopeDid() {
        assertThat(rendered(context("api_report.json"), "processes-by-name"))
                .isEqualTo(Fixtures.json("api_topology_processes-by-name.json"));
    }

    @Test
    void listsTopologiesWithScopesStats() {
        RenderContext ctx = context("api_report.json");
        JsonNode list = Fixtures.JSON.valueToTree(VIEWS.list(ctx, Map.of()));
        assertThat(list).isEqualTo(Fixtures.json("api_topology.json"));
    }

    @Test
    void rendersThePluginProbesHostsAsScopeDid() {
        assertThat(rendered(context("plugin_api_report.json"), "hosts"))
                .isEqualTo(Fixtures.json("plugin_api_topology_hosts.json"));
    }
}
