package io.scopecloud.query.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.query.Collected;
import io.scopecloud.query.Fixtures;
import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.detail.NodeSummary;
import io.scopecloud.query.render.RenderContext;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViewsTest {
    private final Views views = new Views(new TopologyRegistry());
    private final RenderContext ctx =
            new RenderContext(Fixtures.report("api_report.json"), Instant.parse("2026-11-23T00:17:50Z"));

    @Test
    void viewersOfOneViewShareItsSummariesWhileOneHoldsThem() {
        Map<String, NodeSummary> first = views.summaries(ctx, "processes", Map.of(), Censor.NONE);

        assertThat(views.summaries(ctx, "processes", Map.of(), Censor.NONE)).isSameAs(first);
    }

    @Test
    void aSnapshotDoesNotHoldSummariesNobodyHolds() throws Exception {
        WeakReference<Map<String, NodeSummary>> first =
                new WeakReference<>(views.summaries(ctx, "processes", Map.of(), Censor.NONE));
        Collected.await(first);
        assertThat(first.get())
                .as("the snapshot's memo alone does not keep them")
                .isNull();

        assertThat(views.summaries(ctx, "processes", Map.of(), Censor.NONE))
                .as("asked again, they are computed again")
                .isNotEmpty();
    }
}
