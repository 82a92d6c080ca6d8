package io.scopecloud.query.topology;

import static java.util.Objects.requireNonNull;

import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.detail.Details;
import io.scopecloud.query.detail.NodeDetails;
import io.scopecloud.query.detail.NodeSummary;
import io.scopecloud.query.detail.Summaries;
import io.scopecloud.query.render.Ids;
import io.scopecloud.query.render.Nodes;
import io.scopecloud.query.render.RenderContext;
import io.scopecloud.query.render.RenderNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The views of one merged report, as the app API serves them. Everything is memoised in the
 * report's {@link RenderContext}, keyed by view and options, so many viewers of one org cost one
 * render per change.
 */
public final class Views {
    /** Told how long each render (a memo miss) of a view took. */
    @FunctionalInterface
    public interface RenderObserver {
        void rendered(String topologyId, long nanos);
    }

    private final TopologyRegistry registry;
    private final RenderObserver observer;

    public Views(TopologyRegistry registry) {
        this(registry, (topologyId, nanos) -> {});
    }

    public Views(TopologyRegistry registry, RenderObserver observer) {
        this.registry = requireNonNull(registry, "registry is null");
        this.observer = requireNonNull(observer, "observer is null");
    }

    public TopologyRegistry registry() {
        return registry;
    }

    private record RenderedKey(String topology) {}

    private record NodesKey(String topology, String options) {}

    private record SummariesKey(String topology, String options) {}

    public TopologyDescriptor descriptor(String topologyId) {
        return registry.get(topologyId).orElseThrow(() -> new UnknownTopologyException(topologyId));
    }

    /** The view's nodes after its options and the base transform. */
    public Nodes nodes(RenderContext ctx, String topologyId, Map<String, List<String>> params) {
        TopologyDescriptor d = descriptor(topologyId);
        ViewOptions options = registry.options(d, ctx.report(), params);
        return nodes(ctx, d, options);
    }

    private Nodes nodes(RenderContext ctx, TopologyDescriptor d, ViewOptions options) {
        return ctx.memoiseWeakly(
                new NodesKey(d.id(), options.key()), () -> options.transformer().transform(rendered(ctx, d)));
    }

    /**
     * The view's renderer's output, once per snapshot whatever the options: they only filter it, and
     * viewers of one view often differ in them (a websocket's {@code t} alone makes Scope apply the
     * default options, which a {@code GET} without a query does not).
     */
    private Nodes rendered(RenderContext ctx, TopologyDescriptor d) {
        return ctx.memoiseWeakly(new RenderedKey(d.id()), () -> {
            long start = System.nanoTime();
            Nodes rendered = d.renderer().render(ctx);
            observer.rendered(d.id(), System.nanoTime() - start);
            return rendered;
        });
    }

    /**
     * {@code GET /api/topology/{id}}: the view's summaries, metrics cut to their last value. Held weakly, like the
     * render steps: a {@code GET}'s answer is its JSON bytes, memoised strongly ({@code SharedJson}), and a websocket
     * keeps the summaries it last sent to diff the next ones against, so viewers of one view still share one
     * computation. Held strongly, every snapshot of a 10,000-node org kept tens of thousands of summary objects
     * nobody would read again, and each young collection copied them.
     */
    public Map<String, NodeSummary> summaries(
            RenderContext ctx, String topologyId, Map<String, List<String>> params, Censor censor) {
        TopologyDescriptor d = descriptor(topologyId);
        ViewOptions options = registry.options(d, ctx.report(), params);
        Map<String, NodeSummary> summaries = ctx.memoiseWeakly(
                new SummariesKey(d.id(), options.key()),
                () -> Map.copyOf(
                        Summaries.of(ctx.report(), nodes(ctx, d, options).nodes())));
        return censor.apply(summaries);
    }

    /** {@code GET /api/topology/{id}/{node}}: found before filtering, so hidden nodes still resolve. */
    public Optional<NodeDetails> details(
            RenderContext ctx, String topologyId, String nodeId, Map<String, List<String>> params, Censor censor) {
        TopologyDescriptor d = descriptor(topologyId);
        ViewOptions options = registry.options(d, ctx.report(), params);
        RenderNode node = rendered(ctx, d).nodes().get(nodeId);
        if (node == null) {
            return Optional.empty();
        }
        Map<String, RenderNode> view = nodes(ctx, d, options).nodes();
        RenderNode filtered = view.get(nodeId);
        if (filtered == null) {
            view = new HashMap<>(view);
            view.put(nodeId, node);
        } else {
            node = filtered;
        }
        return Optional.of(censor.apply(Details.of(topologyId, ctx.report(), view, node)));
    }

    /** {@code GET /api/topology}: the menu, with each view's stats under the request's options. */
    public List<TopologyEntry> list(RenderContext ctx, Map<String, List<String>> params) {
        List<TopologyEntry> out = new ArrayList<>();
        for (TopologyDescriptor d : registry.topLevel()) {
            List<TopologyEntry> subs = new ArrayList<>();
            for (TopologyDescriptor sub : registry.subTopologies(d.id())) {
                subs.add(entry(ctx, sub, params, List.of()));
            }
            out.add(entry(ctx, d, params, subs));
        }
        return out;
    }

    private TopologyEntry entry(
            RenderContext ctx, TopologyDescriptor d, Map<String, List<String>> params, List<TopologyEntry> subs) {
        TopologyDescriptor menu = registry.withReportOptions(d, ctx.report(), true);
        Nodes nodes = nodes(ctx, d, registry.options(d, ctx.report(), params));
        int real = 0;
        int edges = 0;
        for (RenderNode n : nodes.nodes().values()) {
            if (!Ids.PSEUDO.equals(n.topology())) {
                real++;
            }
            edges += n.adjacency().size();
        }
        TopologyEntry.Stats stats = new TopologyEntry.Stats(nodes.nodes().size(), real, edges, nodes.filtered());
        return new TopologyEntry(
                menu.name(),
                menu.rank(),
                menu.hideIfEmpty(),
                menu.options().isEmpty() ? null : menu.options(),
                menu.url(),
                subs.isEmpty() ? null : subs,
                stats);
    }
}
