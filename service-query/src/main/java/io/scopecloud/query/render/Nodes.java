package io.scopecloud.query.render;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a renderer produces: nodes by id, and how many an option filter removed (for the
 * topology stats). Never changed once published; renderers that build on it copy.
 */
public record Nodes(Map<String, RenderNode> nodes, int filtered) {
    public static final Nodes EMPTY = new Nodes(Map.of(), 0);

    public Nodes {
        requireNonNull(nodes, "nodes is null");
    }

    /**
     * Scope's {@code Nodes.Merge}: a node on both sides is merged (the other side's first), in
     * place when {@code owner} made it; such nodes are added to {@code unsettled}, which the
     * caller settles ({@link RenderNode#settle}) after its last merge, before it publishes them.
     */
    Nodes merge(Nodes other, Object owner, List<RenderNode> unsettled) {
        Map<String, RenderNode> big = nodes;
        Map<String, RenderNode> small = other.nodes;
        if (small.size() > big.size()) {
            big = other.nodes;
            small = nodes;
        }
        if (small.isEmpty()) {
            return new Nodes(big, filtered + other.filtered);
        }
        Map<String, RenderNode> out = new HashMap<>(big);
        small.forEach((k, v) -> {
            RenderNode existing = out.get(k);
            if (existing == null) {
                out.put(k, v);
            } else if (existing.canAbsorb(v)) {
                // v.merge(existing), in place when this owner made existing (reduce's later steps).
                RenderNode own = existing.ownedBy(owner) ? existing : existing.copy(owner);
                if (own.absorb(owner, v)) {
                    unsettled.add(own);
                }
                out.put(k, own);
            } else {
                out.put(k, v.merge(existing, owner));
            }
        });
        return new Nodes(out, filtered + other.filtered);
    }
}
