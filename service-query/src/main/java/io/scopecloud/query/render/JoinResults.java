package io.scopecloud.query.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Scope's {@code joinResults}: the output of a renderer that maps input nodes onto (possibly new)
 * output nodes, remembering which input went where so that edges can be rewritten at the end.
 */
final class JoinResults {
    private final Map<String, RenderNode> nodes;
    private final Map<String, String> mapped = new HashMap<>();
    private final Map<String, List<String>> multi = new HashMap<>();
    private final List<RenderNode> absorbed = new ArrayList<>();
    private final Instant now;

    JoinResults(Map<String, RenderNode> input, Instant now) {
        this.now = now;
        this.nodes = new HashMap<>(Math.max(16, input.size() * 2));
        input.forEach((id, n) -> {
            RenderNode copy = n.copy(this);
            copy.clearAdjacency(this);
            nodes.put(id, copy);
        });
    }

    JoinResults(Instant now) {
        this(Map.of(), now);
    }

    private void mapChild(String from, String to) {
        if (!mapped.containsKey(from)) {
            mapped.put(from, to);
        } else {
            multi.computeIfAbsent(from, k -> new ArrayList<>()).add(to);
        }
    }

    private RenderNode owned(String id) {
        RenderNode n = nodes.get(id);
        if (n != null && !n.ownedBy(this)) {
            n = n.copy(this);
            nodes.put(id, n);
        }
        return n;
    }

    /**
     * Adds {@code m} as a top-level node, mapped from {@code from}; a node already there becomes
     * {@code m.merge(existing)}, merged in place so that a node many map to costs linear time.
     */
    void add(String from, RenderNode m) {
        RenderNode existing = nodes.get(m.id());
        if (existing == null) {
            nodes.put(m.id(), m);
        } else if (existing.canAbsorb(m)) {
            RenderNode own = owned(m.id());
            if (own.absorb(this, m)) {
                absorbed.add(own);
            }
        } else {
            nodes.put(m.id(), m.merge(existing, this));
        }
        mapChild(from, m.id());
    }

    /** Adds {@code m} as a child of the node {@code id}, making that node if needed. */
    void addUnmappedChild(RenderNode m, String id, String topology) {
        RenderNode result = owned(id);
        if (result == null) {
            result = RenderNode.make(id, topology, this);
            nodes.put(id, result);
        }
        result.addChild(this, m);
        if (!RenderNode.ENDPOINT.equals(m.topology())) {
            result.addCounter(this, m.topology(), 1, now);
        }
    }

    void addChild(RenderNode m, String id, String topology) {
        addUnmappedChild(m, id, topology);
        mapChild(m.id(), id);
    }

    void addChildAndChildren(RenderNode m, String id, String topology) {
        addUnmappedChild(m, id, topology);
        nodes.get(id).addChildren(this, m.children());
        mapChild(m.id(), id);
    }

    void passThrough(RenderNode n) {
        RenderNode copy = n.copy(this);
        copy.clearAdjacency(this);
        nodes.put(n.id(), copy);
        mapChild(n.id(), n.id());
    }

    /** Rewrites the edges of the input onto the output nodes, and returns them. */
    Nodes result(Nodes input) {
        for (RenderNode n : absorbed) {
            n.settle(this);
        }
        absorbed.clear();
        for (RenderNode n : input.nodes().values()) {
            String outId = mapped.get(n.id());
            if (outId == null || !n.hasAdjacency()) {
                continue;
            }
            rewriteAdjacency(outId, n);
            for (String other : multi.getOrDefault(n.id(), List.of())) {
                rewriteAdjacency(other, n);
            }
        }
        return new Nodes(nodes, 0);
    }

    private void rewriteAdjacency(String outId, RenderNode in) {
        RenderNode out = owned(outId);
        for (String a : in.adjacencySet()) {
            String dest = mapped.get(a);
            if (dest != null) {
                out.addAdjacent(this, dest);
                for (String more : multi.getOrDefault(a, List.of())) {
                    out.addAdjacent(this, more);
                }
            }
        }
    }

    RenderNode get(String id) {
        return nodes.get(id);
    }
}
