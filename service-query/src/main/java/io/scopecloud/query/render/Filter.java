package io.scopecloud.query.render;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Scope's {@code FilterFunc} as a transformer: keeps matching nodes and cuts edges to the rest. A
 * lambda is the predicate; {@link #transform} is what every filter does with it.
 */
@FunctionalInterface
@SuppressWarnings("FunctionalInterfaceMethodChanged") // transform() is the filter's point, not a changed test()
public interface Filter extends Predicate<RenderNode>, Transformer {
    @Override
    default Nodes transform(Nodes in) {
        Map<String, RenderNode> out = new HashMap<>(Math.max(16, in.nodes().size() * 2));
        int filtered = in.filtered();
        for (Map.Entry<String, RenderNode> e : in.nodes().entrySet()) {
            if (test(e.getValue())) {
                out.put(e.getKey(), e.getValue());
            } else {
                filtered++;
            }
        }
        Object owner = new Object();
        for (Map.Entry<String, RenderNode> e : out.entrySet()) {
            RenderNode n = e.getValue();
            Collection<String> adjacency = n.adjacencySet();
            if (adjacency.isEmpty() || out.keySet().containsAll(adjacency)) {
                continue;
            }
            Set<String> kept = new HashSet<>();
            for (String a : adjacency) {
                if (out.containsKey(a)) {
                    kept.add(a);
                }
            }
            RenderNode copy = n.copy(owner);
            copy.setAdjacency(owner, kept);
            e.setValue(copy);
        }
        return new Nodes(out, filtered);
    }

    static Filter any(Filter a, Filter b) {
        return n -> a.test(n) || b.test(n);
    }

    static Filter all(Iterable<Filter> filters) {
        return n -> {
            for (Filter f : filters) {
                if (!f.test(n)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Filter not(Filter f) {
        return n -> !f.test(n);
    }
}
