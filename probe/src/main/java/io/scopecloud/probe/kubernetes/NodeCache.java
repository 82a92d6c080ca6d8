package io.scopecloud.probe.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.scopecloud.report.Node;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The report node of each object of one kind, kept while the informer holds the same
 * {@code resourceVersion} of it (and, for pods, while their namespace's parents are the same
 * instance): a big cluster's publish then hands over the nodes it made before instead of building
 * thousands again (bench/README.md, "Kubernetes cluster-role probe"). A kept node keeps the time
 * it was made as its latest entries' timestamp, which the next change supersedes. Objects not seen
 * in a round are forgotten at {@link #endRound()}. Not thread-safe: one publish loop uses it.
 */
final class NodeCache {
    private record Entry(String version, Object inputs, Node node) {}

    private Map<String, Entry> previous = new HashMap<>();
    private Map<String, Entry> current = new HashMap<>();
    private long built;

    /**
     * The node of {@code object}: the one made before if its uid, resourceVersion and
     * {@code inputs} (compared by identity) are those it was made from, else a new one.
     */
    Node node(HasMetadata object, Object inputs, Supplier<Node> build) {
        String uid = object.getMetadata().getUid();
        String version = object.getMetadata().getResourceVersion();
        if (uid == null || version == null) {
            built++;
            return build.get();
        }
        Entry entry = previous.get(uid);
        if (entry == null || !entry.version().equals(version) || entry.inputs() != inputs) {
            built++;
            entry = new Entry(version, inputs, build.get());
        }
        current.put(uid, entry);
        return entry.node();
    }

    /** Ends a publish: what was not asked for since the last call is dropped. */
    void endRound() {
        previous = current;
        current = new HashMap<>(Math.max(16, previous.size() * 2));
    }

    /** How many nodes were made rather than reused, since this cache was created. */
    long built() {
        return built;
    }
}
