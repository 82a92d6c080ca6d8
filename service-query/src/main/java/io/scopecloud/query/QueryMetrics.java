package io.scopecloud.query;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scopecloud.query.live.LiveUpdates;
import io.scopecloud.query.topology.Views;
import io.scopecloud.query.window.OrgWindows;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a query instance holds and how long its work takes: {@code scope_query_orgs},
 * {@code scope_query_probes}, {@code scope_query_websockets}, {@code scope_query_merge_seconds}
 * and {@code scope_query_render_seconds{view}} (a render is a view computed for a new merge;
 * every later viewer of the same merge reads it from memory).
 */
final class QueryMetrics implements Views.RenderObserver, OrgWindows.MergeObserver {
    private final MeterRegistry registry;
    private final Timer merges;
    private final Map<String, Timer> renders = new ConcurrentHashMap<>();

    QueryMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        this.merges = Timer.builder("scope.query.merge")
                .description("merging an org's window into one report")
                .register(registry);
    }

    void watch(OrgWindows windows, LiveUpdates live) {
        Gauge.builder("scope.query.orgs", windows, OrgWindows::orgCount)
                .description("orgs whose windows this instance holds")
                .register(registry);
        Gauge.builder("scope.query.probes", windows, OrgWindows::probeCount)
                .description("probes heard from in the windows this instance holds")
                .register(registry);
        Gauge.builder("scope.query.websockets", live, LiveUpdates::openSockets)
                .description("open topology websockets")
                .register(registry);
        windows.observeMerges(this);
    }

    @Override
    public void merged(long nanos) {
        merges.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void rendered(String topologyId, long nanos) {
        renders.computeIfAbsent(topologyId, id -> Timer.builder("scope.query.render")
                        .description("rendering a view of a merged report")
                        .tag("view", id)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
