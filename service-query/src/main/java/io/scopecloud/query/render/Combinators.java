package io.scopecloud.query.render;

import io.scopecloud.report.Metric;
import io.scopecloud.report.Node;
import io.scopecloud.report.TopologyType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Scope's renderer building blocks (render/render.go, endpoint.go, filters.go, pod.go, metrics.go). */
final class Combinators {
    private Combinators() {}

    /** The nodes of one report topology (memoised: many renderers start from the same ones). */
    private static final Map<TopologyType, Renderer> SELECTORS = new EnumMap<>(TopologyType.class);

    static {
        for (TopologyType t : TopologyType.values()) {
            SELECTORS.put(t, makeSelector(t));
        }
    }

    static Renderer select(TopologyType type) {
        return SELECTORS.get(type);
    }

    private static Renderer makeSelector(TopologyType type) {
        Renderer[] self = new Renderer[1];
        self[0] = ctx -> ctx.memoiseWeakly(self[0], () -> {
            Map<String, Node> nodes = ctx.report().topology(type).nodes();
            Map<String, RenderNode> out = new HashMap<>(Math.max(16, nodes.size() * 2));
            nodes.forEach((k, n) -> {
                RenderNode r = RenderNode.of(k, n);
                out.put(r.id(), r);
            });
            return new Nodes(out, 0);
        });
        return self[0];
    }

    static Renderer memoise(Renderer r) {
        Renderer[] self = new Renderer[1];
        self[0] = ctx -> ctx.memoiseWeakly(self[0], () -> r.render(ctx));
        return self[0];
    }

    static Renderer reduce(Renderer... renderers) {
        return ctx -> {
            Nodes out = Nodes.EMPTY;
            Object owner = new Object();
            List<RenderNode> unsettled = new ArrayList<>();
            for (Renderer r : renderers) {
                out = out.merge(r.render(ctx), owner, unsettled);
            }
            for (RenderNode n : unsettled) {
                n.settle(owner);
            }
            return out;
        };
    }

    /** Scope's {@code MakeMap}: a null result drops the node. */
    static Renderer map(UnaryOperator<RenderNode> f, Renderer r) {
        return ctx -> {
            Nodes input = r.render(ctx);
            JoinResults out = new JoinResults(ctx.now());
            for (RenderNode n : input.nodes().values()) {
                RenderNode mapped = f.apply(n);
                if (mapped != null && !mapped.id().isEmpty()) {
                    out.add(n.id(), mapped);
                }
            }
            return out.result(input);
        };
    }

    static Renderer conditional(Predicate<RenderContext> condition, Renderer r) {
        return ctx -> condition.test(ctx) ? r.render(ctx) : Nodes.EMPTY;
    }

    /** A filter that lets pseudo nodes through ({@code MakeFilter}). */
    static Renderer filter(Filter f, Renderer r) {
        Filter withPseudo = n -> Ids.PSEUDO.equals(n.topology()) || f.test(n);
        return ctx -> withPseudo.transform(r.render(ctx));
    }

    static Renderer custom(java.util.function.BiFunction<RenderContext, Nodes, Nodes> f, Renderer r) {
        return ctx -> f.apply(ctx, r.render(ctx));
    }

    /** Nodes with at least one child of {@code topology}. */
    static Filter hasChildren(String topology) {
        return n -> {
            for (RenderNode c : n.children()) {
                if (c.topology().equals(topology)) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Scope's {@code NewDerivedNode}: a new node whose children are {@code node} and its children. */
    static RenderNode derived(String id, String topology, RenderNode node) {
        Object owner = new Object();
        RenderNode out = RenderNode.make(id, topology, owner);
        out.addChildren(owner, node.children());
        out.addChild(owner, node);
        return out;
    }

    /** Endpoints mapped to nodes of {@code topology} by {@code f}, or to pseudo nodes ({@code MapEndpoints}). */
    static Renderer mapEndpoints(Function<RenderNode, String> f, TopologyType topology, Renderer endpointsSelector) {
        Renderer target = select(topology);
        return ctx -> {
            LocalNetworks local = ctx.memoise(LocalNetworks.class, () -> LocalNetworks.of(ctx.report()));
            Nodes endpoints = endpointsSelector.render(ctx);
            JoinResults ret = new JoinResults(target.render(ctx).nodes(), ctx.now());
            for (RenderNode n : endpoints.nodes().values()) {
                if (!n.hasLatest(Keys.HOST_NODE_ID)) {
                    Optional<String> pseudo = pseudoNodeId(ctx, n, local);
                    if (pseudo.isPresent()) {
                        ret.addChild(n, pseudo.get(), Ids.PSEUDO);
                        continue;
                    }
                }
                String id = f.apply(n);
                if (id != null && !id.isEmpty()) {
                    ret.addChild(n, id, topology.topologyName());
                }
            }
            return ret.result(endpoints);
        };
    }

    /** Where an endpoint no probe claims goes: a known service, the Internet, or nowhere. */
    private static Optional<String> pseudoNodeId(RenderContext ctx, RenderNode n, LocalNetworks local) {
        Optional<Ids.EndpointParts> parts = Ids.parseEndpoint(n.id());
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> service = KnownServices.firstMatch(ctx.report(), n.id(), KnownServices::isKnownService);
        if (service.isPresent()) {
            return Optional.of(Ids.SERVICE_PREFIX + service.get());
        }
        Optional<Boolean> isLocal = local.contains(parts.get().address());
        if (isLocal.isPresent() && !isLocal.get()) {
            return Optional.of(n.hasAdjacency() ? Ids.INCOMING_INTERNET : Ids.OUTGOING_INTERNET);
        }
        return Optional.empty();
    }

    /**
     * Joins a topology to the endpoints by IP ({@code ConnectionJoin}); an IP shared by several
     * nodes is ignored, since connections to it cannot be attributed.
     */
    static Renderer connectionJoin(
            Function<RenderNode, List<String>> toIps, TopologyType topology, Renderer endpointsSelector) {
        Renderer input = select(topology);
        return ctx -> {
            Map<String, String> ipNodes = new HashMap<>();
            for (RenderNode n : input.render(ctx).nodes().values()) {
                for (String ip : toIps.apply(n)) {
                    if (ipNodes.containsKey(ip)) {
                        ipNodes.put(ip, "");
                    } else {
                        ipNodes.put(ip, n.id());
                    }
                }
            }
            Function<RenderNode, String> f = m -> {
                String scopedAddress = Ids.withoutPort(m.id());
                if (scopedAddress.isEmpty()) {
                    return "";
                }
                String id = ipNodes.get(scopedAddress);
                if (id == null) {
                    id = ipNodes.get(m.id());
                }
                return id == null ? "" : id;
            };
            return mapEndpoints(f, topology, endpointsSelector).render(ctx);
        };
    }

    /**
     * Maps nodes onto their parents in {@code topologies} ({@code Map2Parent}); nodes without one go to
     * {@code pseudo:<noParentsPseudoId>:<host>} when that is set, else they are dropped.
     */
    static Renderer map2Parent(Renderer chain, List<String> topologies, String noParentsPseudoId) {
        return ctx -> {
            Nodes input = chain.render(ctx);
            JoinResults ret = new JoinResults(ctx.now());
            for (RenderNode n : input.nodes().values()) {
                if (!noParentsPseudoId.isEmpty() && n.id().startsWith(Ids.UNCONTAINED_PREFIX)) {
                    String id = Ids.pseudoId(noParentsPseudoId, n.id().substring(Ids.UNCONTAINED_PREFIX.length()));
                    ret.addChildAndChildren(n, id, Ids.PSEUDO);
                    continue;
                }
                if (Ids.PSEUDO.equals(n.topology())) {
                    ret.passThrough(n);
                    continue;
                }
                boolean added = false;
                for (String topology : topologies) {
                    for (String id : n.parents(topology)) {
                        ret.addChildAndChildren(n, id, topology);
                        added = true;
                    }
                }
                if (!added && !noParentsPseudoId.isEmpty()) {
                    ret.addChildAndChildren(n, Ids.pseudoId(noParentsPseudoId, Ids.hostId(n)), Ids.PSEUDO);
                }
            }
            return ret.result(input);
        };
    }

    /** Copies the metrics of a node's only child of {@code topology} onto it. */
    static Renderer propagateSingleMetrics(String topology, Renderer r) {
        return ctx -> {
            Nodes nodes = r.render(ctx);
            Map<String, RenderNode> out =
                    new HashMap<>(Math.max(16, nodes.nodes().size() * 2));
            Object owner = new Object();
            nodes.nodes().forEach((id, n) -> {
                RenderNode first = null;
                int found = 0;
                for (RenderNode c : n.children()) {
                    if (c.topology().equals(topology) && !c.hasLatest(Keys.DOES_NOT_MAKE_CONNECTIONS)) {
                        if (found == 0) {
                            first = c;
                        }
                        found++;
                    }
                }
                if (found == 1) {
                    Map<String, Metric> merged = RenderNode.mergeMetrics(n.metrics(), first.metrics());
                    if (merged != n.metrics()) {
                        n = n.copy(owner);
                        n.setMetrics(owner, merged);
                    }
                }
                out.put(id, n);
            });
            return new Nodes(out, nodes.filtered());
        };
    }

    /** Marks nodes with an edge to or from another node ({@code ColorConnected}). */
    static Renderer colorConnected(Renderer r) {
        return ctx -> {
            Nodes input = r.render(ctx);
            Map<String, RenderNode> out = new HashMap<>(input.nodes());
            Object owner = new Object();
            for (String id : Filters.connected(input.nodes())) {
                RenderNode n = out.get(id);
                if (n == null) {
                    continue;
                }
                RenderNode copy = n.copy(owner);
                copy.putLatest(owner, Filters.IS_CONNECTED, ctx.now(), "true");
                out.put(id, copy);
            }
            return new Nodes(out, input.filtered());
        };
    }
}
