package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One node of a topology: a process, a container, a host... Immutable. All maps are sorted by key and all sets
 * (set values, adjacency, parents) are sorted in Go byte order and de-duplicated, which the Go merge assumes.
 *
 * <p>{@code id} and {@code topology} are blank in delta reports (§1.5); the map key in {@link Topology#nodes()} is
 * authoritative.
 */
public final class Node {
    /** Latest key holding the IDs of a node's active controls, joined with ';'. */
    public static final String ACTIVE_CONTROLS = "active_controls";

    private final String id;
    private final String topology;
    private final SortedArrayMap<LatestEntry> latest;
    private final SortedArrayMap<List<String>> sets;
    private final SortedStringList adjacency;
    private final SortedArrayMap<Metric> metrics;
    private final SortedArrayMap<List<String>> parents;
    private final List<Node> children; // sorted by id, unique ids
    private int hash;

    private Node(
            String id,
            String topology,
            SortedArrayMap<LatestEntry> latest,
            SortedArrayMap<List<String>> sets,
            SortedStringList adjacency,
            SortedArrayMap<Metric> metrics,
            SortedArrayMap<List<String>> parents,
            List<Node> children) {
        this.id = requireNonNull(id, "id is null");
        this.topology = requireNonNull(topology, "topology is null");
        this.latest = latest;
        this.sets = sets;
        this.adjacency = adjacency;
        this.metrics = metrics;
        this.parents = parents;
        this.children = children;
    }

    public static Builder builder(String id, String topology) {
        return new Builder(id, topology);
    }

    /** A node with just an id and a topology name. */
    public static Node of(String id, String topology) {
        return new Node(
                id,
                topology,
                SortedArrayMap.empty(),
                SortedArrayMap.empty(),
                SortedStringList.EMPTY,
                SortedArrayMap.empty(),
                SortedArrayMap.empty(),
                List.of());
    }

    public String id() {
        return id;
    }

    public String topology() {
        return topology;
    }

    /** Latest values by key, sorted by key. */
    public Map<String, LatestEntry> latest() {
        return latest;
    }

    public Optional<String> latestValue(String key) {
        LatestEntry e = latest.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    /** Sets by key; each value is sorted and unique. */
    public Map<String, List<String>> sets() {
        return sets;
    }

    /** Sorted, unique IDs of nodes in the same topology this node has edges to. */
    public List<String> adjacency() {
        return adjacency;
    }

    public Map<String, Metric> metrics() {
        return metrics;
    }

    /** Parent IDs by topology name, e.g. {@code {"host":["h1;<host>"]}}. */
    public Map<String, List<String>> parents() {
        return parents;
    }

    /** Child nodes (only in rendered nodes), sorted by id. */
    public List<Node> children() {
        return children;
    }

    public Builder toBuilder() {
        Builder b = new Builder(id, topology);
        b.latest().from(latest);
        b.sets().from(sets);
        b.adjacency = adjacency;
        b.metrics().from(metrics);
        b.parents().from(parents);
        b.children = new ArrayList<>(children);
        return b;
    }

    public Node withId(String newId) {
        return newId.equals(id) ? this : new Node(newId, topology, latest, sets, adjacency, metrics, parents, children);
    }

    public Node withTopology(String newTopology) {
        return newTopology.equals(topology)
                ? this
                : new Node(id, newTopology, latest, sets, adjacency, metrics, parents, children);
    }

    /** A copy with {@code key} set to this entry (whatever the existing timestamp). */
    public Node withLatest(String key, Instant timestamp, String value) {
        return new Node(
                id,
                topology,
                latest.with(key, new LatestEntry(timestamp, value)),
                sets,
                adjacency,
                metrics,
                parents,
                children);
    }

    @SuppressWarnings("ReferenceEquality") // identity on purpose: an unchanged map means an unchanged node
    public Node withoutLatest(String key) {
        SortedArrayMap<LatestEntry> l = latest.without(key);
        return l == latest ? this : new Node(id, topology, l, sets, adjacency, metrics, parents, children);
    }

    /** A copy whose parents under {@code topologyName} are exactly {@code ids} (removed when empty). */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: an unchanged map means an unchanged node
    public Node withParents(String topologyName, Collection<String> ids) {
        SortedStringList list = SortedStringList.copyOf(ids);
        SortedArrayMap<List<String>> p =
                list.isEmpty() ? parents.without(topologyName) : parents.with(topologyName, list);
        return p == parents ? this : new Node(id, topology, latest, sets, adjacency, metrics, p, children);
    }

    public Node withoutMetrics() {
        return metrics.isEmpty()
                ? this
                : new Node(id, topology, latest, sets, adjacency, SortedArrayMap.empty(), parents, children);
    }

    /** Scope's node merge (§1.3), without the Host-only {@code active_controls} rule. */
    public Node merge(Node other) {
        return merge(other, false);
    }

    /**
     * Merges two nodes. {@code id} and {@code topology}: first non-empty (this side wins a conflict, where Go would
     * panic); latest: newer wins per key; sets, adjacency, parents: union; metrics: {@link Metric#merge}; children:
     * union by id. With {@code hostRules}, {@code active_controls} values are set-unioned instead.
     */
    @SuppressWarnings("ReferenceEquality") // on purpose: unchanged parts let the merge return a side
    Node merge(Node other, boolean hostRules) {
        if (other == this) {
            return this;
        }
        String mid = id.isEmpty() ? other.id : id;
        String mtopology = topology.isEmpty() ? other.topology : topology;
        SortedArrayMap<LatestEntry> l =
                latest.merge(other.latest, hostRules ? Node::mergeHostLatest : Node::mergeLatest);
        SortedArrayMap<List<String>> s = sets.merge(other.sets, Node::mergeSet);
        SortedStringList a = adjacency.union(other.adjacency);
        SortedArrayMap<Metric> m = metrics.merge(other.metrics, (k, x, y) -> x.merge(y));
        SortedArrayMap<List<String>> p = parents.merge(other.parents, Node::mergeSet);
        List<Node> c = mergeChildren(children, other.children);
        if (mid.equals(id)
                && mtopology.equals(topology)
                && l == latest
                && s == sets
                && a == adjacency
                && m == metrics
                && p == parents
                && c == children) {
            return this;
        }
        if (mid.equals(other.id)
                && mtopology.equals(other.topology)
                && l == other.latest
                && s == other.sets
                && a == other.adjacency
                && m == other.metrics
                && p == other.parents
                && c == other.children) {
            return other;
        }
        return new Node(mid, mtopology, l, s, a, m, p, c);
    }

    /**
     * Merges several versions of one node (e.g. from the successive reports of a window) in one step; equal to
     * folding {@link #merge(Node, boolean)} over them in order, with fewer intermediate objects.
     */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: all versions the same instance is the fast path
    static Node mergeAll(List<Node> versions, boolean hostRules) {
        Node first = versions.get(0);
        boolean allSame = true;
        for (int i = 1; i < versions.size() && allSame; i++) {
            allSame = versions.get(i) == first;
        }
        if (allSame) {
            return first;
        }
        String mid = "";
        String mtopology = "";
        int count = versions.size();
        SortedArrayMap<?>[] latests = new SortedArrayMap<?>[count];
        SortedArrayMap<?>[] metricMaps = new SortedArrayMap<?>[count];
        SortedArrayMap<List<String>> s = first.sets;
        SortedStringList a = first.adjacency;
        SortedArrayMap<List<String>> p = first.parents;
        List<Node> c = first.children;
        for (int i = 0; i < count; i++) {
            Node n = versions.get(i);
            mid = mid.isEmpty() ? n.id : mid;
            mtopology = mtopology.isEmpty() ? n.topology : mtopology;
            latests[i] = n.latest;
            metricMaps[i] = n.metrics;
            if (i > 0) {
                s = s.merge(n.sets, Node::mergeSet);
                a = a.union(n.adjacency);
                p = p.merge(n.parents, Node::mergeSet);
                c = mergeChildren(c, n.children);
            }
        }
        SortedArrayMap<LatestEntry> l = hostRules
                ? SortedArrayMap.mergeAll(latests, Node::mergeHostLatestAll, Node::mergeHostLatest)
                : SortedArrayMap.mergeAll(latests, Node::newestOf, Node::mergeLatest);
        SortedArrayMap<Metric> m = SortedArrayMap.mergeAll(metricMaps, Metric::mergeAll, (k, x, y) -> x.merge(y));
        return new Node(mid, mtopology, l, s, a, m, p, c);
    }

    private static LatestEntry newestOf(String key, Object[] entries, int count) {
        LatestEntry newest = (LatestEntry) entries[0];
        for (int i = 1; i < count; i++) {
            newest = newest.newer((LatestEntry) entries[i]);
        }
        return newest;
    }

    private static LatestEntry mergeHostLatestAll(String key, Object[] entries, int count) {
        LatestEntry acc = (LatestEntry) entries[0];
        for (int i = 1; i < count; i++) {
            acc = mergeHostLatest(key, acc, (LatestEntry) entries[i]);
        }
        return acc;
    }

    private static LatestEntry mergeLatest(String key, LatestEntry mine, LatestEntry theirs) {
        return mine.newer(theirs);
    }

    /**
     * Host nodes from several probes each list their own active controls, so Scope unions them (sorted) and keeps
     * the newest timestamp.
     */
    private static LatestEntry mergeHostLatest(String key, LatestEntry mine, LatestEntry theirs) {
        if (!ACTIVE_CONTROLS.equals(key) || mine.value().equals(theirs.value())) {
            return mine.newer(theirs);
        }
        TreeSet<String> ids = new TreeSet<>(Utf8Order.COMPARATOR);
        for (String s : mine.value().split(";", -1)) {
            if (!s.isEmpty()) {
                ids.add(s);
            }
        }
        for (String s : theirs.value().split(";", -1)) {
            if (!s.isEmpty()) {
                ids.add(s);
            }
        }
        Instant ts = mine.timestamp().isAfter(theirs.timestamp()) ? mine.timestamp() : theirs.timestamp();
        return new LatestEntry(ts, String.join(";", ids));
    }

    private static List<String> mergeSet(String key, List<String> mine, List<String> theirs) {
        return ((SortedStringList) mine).union((SortedStringList) theirs);
    }

    private static List<Node> mergeChildren(List<Node> a, List<Node> b) {
        if (b.isEmpty() || a == b) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<Node> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int c = Utf8Order.compare(a.get(i).id, b.get(j).id);
            if (c < 0) {
                out.add(a.get(i++));
            } else if (c > 0) {
                out.add(b.get(j++));
            } else {
                out.add(a.get(i++).merge(b.get(j++)));
            }
        }
        out.addAll(a.subList(i, a.size()));
        out.addAll(b.subList(j, b.size()));
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Node n)) {
            return false;
        }
        return id.equals(n.id)
                && topology.equals(n.topology)
                && latest.equals(n.latest)
                && sets.equals(n.sets)
                && adjacency.equals(n.adjacency)
                && metrics.equals(n.metrics)
                && parents.equals(n.parents)
                && children.equals(n.children);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(id, topology, latest, sets, adjacency, metrics, parents, children);
            hash = h == 0 ? 1 : h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "Node{id=" + id + ", topology=" + topology + ", latest=" + latest + ", sets=" + sets + ", adjacency="
                + adjacency + ", metrics=" + metrics + ", parents=" + parents + ", children=" + children + "}";
    }

    /** A node's maps, for {@link Builder#expect}. */
    public enum Part {
        LATEST,
        SETS,
        METRICS,
        PARENTS
    }

    /**
     * Builds a node. Entries may be added in any order; repeated keys merge by the node merge rules (newer latest
     * wins, sets union, metrics merge).
     */
    public static final class Builder {
        private String id;
        private String topology;
        // Created on first use: many nodes have no sets, metrics or parents, and decoding builds a lot of nodes.
        private SortedArrayMap.Builder<LatestEntry> latest;
        private SortedArrayMap.Builder<List<String>> sets;
        private SortedStringList adjacency = SortedStringList.EMPTY;
        private SortedArrayMap.Builder<Metric> metrics;
        private SortedArrayMap.Builder<List<String>> parents;
        private List<Node> children = List.of();

        private static final String[] NO_IDS = new String[0];

        private String[] adjacent = NO_IDS;
        private int adjacentCount;

        private Builder(String id, String topology) {
            this.id = requireNonNull(id, "id is null");
            this.topology = requireNonNull(topology, "topology is null");
        }

        public Builder id(String newId) {
            this.id = requireNonNull(newId, "id is null");
            return this;
        }

        public Builder topology(String newTopology) {
            this.topology = requireNonNull(newTopology, "topology is null");
            return this;
        }

        public Builder latest(String key, Instant timestamp, String value) {
            return latest(key, new LatestEntry(timestamp, value));
        }

        public Builder latest(String key, LatestEntry entry) {
            latest().put(key, entry);
            return this;
        }

        /**
         * Sizes the latest map, the sets, the metrics or the parents (by {@code map}) for {@code count} entries about to
         * be added, as a decoder knows from the map's header: nodes are decoded by the thousand, and growing each map's
         * arrays left garbage behind.
         */
        public Builder expect(Part map, int count) {
            if (count > 0) {
                switch (map) {
                    case LATEST -> latest().expect(count);
                    case SETS -> sets().expect(count);
                    case METRICS -> metrics().expect(count);
                    case PARENTS -> parents().expect(count);
                }
            }
            return this;
        }

        private SortedArrayMap.Builder<LatestEntry> latest() {
            if (latest == null) {
                latest = new SortedArrayMap.Builder<>(Node::mergeLatest);
            }
            return latest;
        }

        private SortedArrayMap.Builder<List<String>> sets() {
            if (sets == null) {
                sets = new SortedArrayMap.Builder<>(Node::mergeSet);
            }
            return sets;
        }

        private SortedArrayMap.Builder<Metric> metrics() {
            if (metrics == null) {
                metrics = new SortedArrayMap.Builder<>((k, a, b) -> a.merge(b));
            }
            return metrics;
        }

        private SortedArrayMap.Builder<List<String>> parents() {
            if (parents == null) {
                parents = new SortedArrayMap.Builder<>(Node::mergeSet);
            }
            return parents;
        }

        public Builder set(String key, String... values) {
            return set(key, Arrays.asList(values));
        }

        /** Adds (unions) {@code values} to the set {@code key}. An empty collection still creates the key. */
        public Builder set(String key, Collection<String> values) {
            sets().put(key, SortedStringList.copyOf(values));
            return this;
        }

        public Builder adjacent(String nodeId) {
            requireNonNull(nodeId, "nodeId is null");
            if (adjacentCount == adjacent.length) {
                adjacent = Arrays.copyOf(adjacent, Math.max(4, adjacentCount * 2));
            }
            adjacent[adjacentCount++] = nodeId;
            return this;
        }

        public Builder adjacency(Collection<String> nodeIds) {
            for (String n : nodeIds) {
                adjacent(n);
            }
            return this;
        }

        public Builder metric(String key, Metric metric) {
            metrics().put(key, metric);
            return this;
        }

        public Builder metric(String key, double min, double max, Sample... samples) {
            return metric(key, Metric.of(min, max, samples));
        }

        public Builder parent(String topologyName, String parentId) {
            return parents(topologyName, List.of(parentId));
        }

        public Builder parents(String topologyName, Collection<String> ids) {
            parents().put(topologyName, SortedStringList.copyOf(ids));
            return this;
        }

        /**
         * As {@link #set(String, Collection)}, taking {@code values} as they are, sorted in place: for a decoder, whose
         * array nothing else holds.
         */
        public Builder adoptSet(String key, String[] values) {
            sets().put(key, SortedStringList.adopt(values, values.length));
            return this;
        }

        /** As {@link #parents(String, Collection)}, taking {@code ids} as they are, sorted in place (see {@link #adoptSet}). */
        public Builder adoptParents(String topologyName, String[] ids) {
            parents().put(topologyName, SortedStringList.adopt(ids, ids.length));
            return this;
        }

        public Builder child(Node child) {
            if (children.isEmpty()) {
                children = new ArrayList<>();
            }
            children.add(requireNonNull(child, "child is null"));
            return this;
        }

        public Node build() {
            SortedArrayMap<LatestEntry> l = latest == null ? SortedArrayMap.empty() : latest.build();
            SortedStringList a = adjacency;
            if (adjacentCount > 0) {
                a = a.union(SortedStringList.adopt(Arrays.copyOf(adjacent, adjacentCount), adjacentCount));
            }
            List<Node> c = List.of();
            if (!children.isEmpty()) {
                List<Node> sorted = new ArrayList<>(children);
                sorted.sort((x, y) -> Utf8Order.compare(x.id, y.id));
                List<Node> unique = new ArrayList<>(sorted.size());
                for (Node n : sorted) {
                    int last = unique.size() - 1;
                    if (last >= 0 && unique.get(last).id.equals(n.id)) {
                        unique.set(last, unique.get(last).merge(n));
                    } else {
                        unique.add(n);
                    }
                }
                c = List.copyOf(unique);
            }
            return new Node(id, topology, l, built(sets), a, built(metrics), built(parents), c);
        }

        private static <V> SortedArrayMap<V> built(SortedArrayMap.Builder<V> b) {
            return b == null ? SortedArrayMap.empty() : b.build();
        }
    }
}
