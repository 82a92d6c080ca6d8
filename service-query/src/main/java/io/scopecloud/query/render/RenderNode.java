package io.scopecloud.query.render;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.Metric;
import io.scopecloud.report.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node while it is being rendered: Scope's {@code report.Node} with its children and counters.
 * Go passes nodes by value; here a node is mutable only by its owner (the {@link JoinResults} or
 * renderer that made it) and frozen once it is in a published {@link Nodes}: anything else copies
 * first ({@link #copy}). The maps are shared with the report and replaced, never changed in place,
 * unless this node made them itself.
 */
public final class RenderNode {
    static final String ENDPOINT = "endpoint";
    static final String HOST = "host";

    private final String id;
    private final String topology;
    private Object owner;
    private Map<String, LatestEntry> latest;
    private boolean latestOwned;
    private Map<String, List<String>> sets;
    private boolean setsOwned;
    private Map<String, Metric> metrics;
    private boolean metricsOwned;
    private Map<String, List<String>> parents;
    private boolean parentsOwned;
    // A report node's sorted list (never copied: most nodes never change their edges), an
    // empty set, or a hash set this node made. Read in Go's order through adjacency(), which
    // sorts at most once per state of the node.
    private Collection<String> adjacency;
    private boolean adjacencyOwned;
    private List<String> sortedAdjacency;
    private Map<String, RenderNode> children;
    private boolean childrenOwned;
    // Children that absorb() put in front of the others, last-first (so that putting a child in
    // front is an insertion at the end); disjoint from children; folded in by settle() before any
    // read, copy or other change of the children, and always null once the node is published.
    private LinkedHashMap<String, RenderNode> childrenInFront;

    private RenderNode(
            String id,
            String topology,
            Map<String, LatestEntry> latest,
            Map<String, List<String>> sets,
            Map<String, Metric> metrics,
            Map<String, List<String>> parents,
            Collection<String> adjacency,
            List<String> sortedAdjacency,
            Map<String, RenderNode> children) {
        this.id = requireNonNull(id, "id is null");
        this.topology = requireNonNull(topology, "topology is null");
        this.latest = latest;
        this.sets = sets;
        this.metrics = metrics;
        this.parents = parents;
        this.adjacency = adjacency;
        this.sortedAdjacency = sortedAdjacency;
        this.children = children;
    }

    /** A report node as it enters rendering (Scope's topology selectors). */
    public static RenderNode of(String key, Node node) {
        // The report keeps adjacency sorted in Go's order and de-duplicated: share it as it is.
        List<String> adjacency = node.adjacency();
        return new RenderNode(
                node.id().isEmpty() ? key : node.id(),
                node.topology(),
                node.latest(),
                node.sets(),
                node.metrics(),
                node.parents(),
                adjacency,
                adjacency,
                Map.of());
    }

    /** A node with only an id and a topology, as Scope makes for a parent it cannot find. */
    public static RenderNode bare(String id, String topology) {
        return new RenderNode(id, topology, Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of(), Map.of());
    }

    /** Scope's {@code MakeNode(id).WithTopology(topology)}, owned by {@code owner}. */
    static RenderNode make(String id, String topology, Object owner) {
        RenderNode n =
                new RenderNode(id, topology, Map.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of(), Map.of());
        n.owner = owner;
        return n;
    }

    /** A copy that {@code newOwner} may change; collections are shared until written. */
    RenderNode copy(Object newOwner) {
        return withIdAndTopology(id, topology, newOwner);
    }

    RenderNode withIdAndTopology(String newId, String newTopology, Object newOwner) {
        settleChildren();
        RenderNode n = new RenderNode(
                newId, newTopology, latest, sets, metrics, parents, adjacency, sortedAdjacency, children);
        n.owner = newOwner;
        return n;
    }

    boolean ownedBy(Object o) {
        return owner == o;
    }

    public String id() {
        return id;
    }

    public String topology() {
        return topology;
    }

    public Map<String, LatestEntry> latest() {
        return latest;
    }

    public Optional<String> latestValue(String key) {
        LatestEntry e = latest.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    public boolean hasLatest(String key) {
        return latest.containsKey(key);
    }

    public Map<String, List<String>> sets() {
        return sets;
    }

    public Map<String, Metric> metrics() {
        return metrics;
    }

    public Map<String, List<String>> parents() {
        return parents;
    }

    public List<String> parents(String topologyName) {
        return parents.getOrDefault(topologyName, List.of());
    }

    /** Outgoing edges, sorted in Go's order. */
    public List<String> adjacency() {
        List<String> sorted = sortedAdjacency;
        if (sorted == null) {
            // Racing readers of a published node may both sort; they store equal immutable lists.
            String[] ids = adjacency.toArray(new String[0]);
            Arrays.sort(ids, GoOrder.STRINGS);
            sorted = List.of(ids);
            sortedAdjacency = sorted;
        }
        return sorted;
    }

    boolean hasAdjacency() {
        return !adjacency.isEmpty();
    }

    /** Outgoing edges in no particular order, for lookups and iteration ({@code contains} is fast). */
    public Collection<String> adjacencySet() {
        return adjacency;
    }

    public Collection<RenderNode> children() {
        settleChildren();
        return children.values();
    }

    /** Scope's {@code LookupCounter}: the integer under {@code count_<key>}, if any. */
    public Optional<Integer> counter(String key) {
        return latestValue(Keys.counter(key)).map(RenderNode::atoi);
    }

    private static int atoi(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // Mutation, for the owner only.

    private void checkOwner(Object o) {
        if (owner != o || o == null) {
            throw new IllegalStateException("render node " + id + " changed by a non-owner");
        }
    }

    void clearAdjacency(Object o) {
        checkOwner(o);
        adjacency = List.of();
        sortedAdjacency = List.of();
        adjacencyOwned = false;
    }

    void setAdjacency(Object o, Set<String> ids) {
        checkOwner(o);
        adjacency = ids;
        sortedAdjacency = null;
        adjacencyOwned = false;
    }

    void addAdjacent(Object o, String target) {
        checkOwner(o);
        if (!adjacencyOwned) {
            if (adjacency.contains(target)) {
                return;
            }
            adjacency = new HashSet<>(adjacency);
            adjacencyOwned = true;
        }
        if (adjacency.add(target)) {
            sortedAdjacency = null;
        }
    }

    void putLatest(Object o, String key, Instant ts, String value) {
        checkOwner(o);
        ownLatest().put(key, new LatestEntry(ts, value));
    }

    void addCounter(Object o, String key, int value, Instant now) {
        String name = Keys.counter(key);
        int previous = counter(key).orElse(0);
        putLatest(o, name, now, Integer.toString(previous + value));
    }

    private Map<String, LatestEntry> ownLatest() {
        if (!latestOwned) {
            latest = new HashMap<>(latest);
            latestOwned = true;
        }
        return latest;
    }

    void setMetrics(Object o, Map<String, Metric> newMetrics) {
        checkOwner(o);
        metrics = newMetrics;
        metricsOwned = false;
    }

    void addParent(Object o, String topologyName, String parent) {
        checkOwner(o);
        List<String> existing = parents.getOrDefault(topologyName, List.of());
        List<String> merged = GoOrder.union(existing, List.of(parent));
        if (merged != existing) {
            ownParents().put(topologyName, merged);
        }
    }

    void replaceParents(Object o, String topologyName, List<String> ids) {
        checkOwner(o);
        ownParents().put(topologyName, ids);
    }

    private Map<String, List<String>> ownParents() {
        if (!parentsOwned) {
            parents = new HashMap<>(parents);
            parentsOwned = true;
        }
        return parents;
    }

    void addChild(Object o, RenderNode child) {
        checkOwner(o);
        ownChildren().put(child.id, child);
    }

    void addChildren(Object o, Collection<RenderNode> more) {
        checkOwner(o);
        if (more.isEmpty()) {
            return;
        }
        Map<String, RenderNode> c = ownChildren();
        for (RenderNode child : more) {
            c.put(child.id, child);
        }
    }

    private Map<String, RenderNode> ownChildren() {
        settleChildren();
        if (!childrenOwned) {
            children = new LinkedHashMap<>(children);
            childrenOwned = true;
        }
        return children;
    }

    /**
     * Scope's {@code Node.Merge}: this node's id and topology win when set; latest values by
     * timestamp (this side on a tie); sets, parents, adjacency and children by union; metrics
     * merged. Host nodes first union their active controls.
     */
    RenderNode merge(RenderNode other, Object newOwner) {
        settleChildren();
        other.settleChildren();
        String mid = id.isEmpty() ? other.id : id;
        String mtopology = topology.isEmpty() ? other.topology : topology;
        Collection<String> madjacency = union(adjacency, other.adjacency);
        RenderNode out = new RenderNode(
                mid,
                mtopology,
                mergeLatest(latest, other.latest, HOST.equals(mtopology)),
                mergeLists(sets, other.sets),
                mergeMetrics(metrics, other.metrics),
                mergeLists(parents, other.parents),
                madjacency,
                madjacency == adjacency
                        ? sortedAdjacency
                        : madjacency == other.adjacency ? other.sortedAdjacency : null,
                mergeChildren(children, other.children));
        out.owner = newOwner;
        return out;
    }

    /** Whether {@link #absorb} may merge {@code m} into this node: it has the same id and topology. */
    boolean canAbsorb(RenderNode m) {
        return id.equals(m.id) && (m.topology.isEmpty() || m.topology.equals(topology));
    }

    /**
     * Makes this node what {@code m.merge(this, o)} would return, in place: the cost is {@code m}'s
     * size, not this node's, so a node that many others are merged into grows in linear time.
     * {@code m}'s children come first, in {@code m}'s order, then this node's others, in theirs; a
     * child on both sides keeps this node's value. The owner calls {@link #settle} before it
     * publishes the node.
     *
     * @return whether this call left children to settle where there were none
     */
    boolean absorb(Object o, RenderNode m) {
        checkOwner(o);
        m.settleChildren();
        if (!canAbsorb(m)) {
            throw new IllegalArgumentException("cannot absorb " + m.id + " (" + m.topology + ") into " + this);
        }
        absorbLatest(m.latest, HOST.equals(topology));
        absorbSets(m.sets);
        absorbParents(m.parents);
        absorbMetrics(m.metrics);
        absorbAdjacency(o, m);
        boolean settled = childrenInFront == null;
        putChildrenInFront(m.children);
        return settled && childrenInFront != null;
    }

    private void absorbLatest(Map<String, LatestEntry> theirs, boolean hostRules) {
        if (theirs.isEmpty() || theirs == latest) {
            return;
        }
        if (latest.isEmpty()) {
            latest = theirs;
            latestOwned = false;
            return;
        }
        Map<String, LatestEntry> mine = ownLatest();
        for (Map.Entry<String, LatestEntry> e : theirs.entrySet()) {
            String key = e.getKey();
            LatestEntry t = e.getValue();
            LatestEntry m = mine.get(key);
            if (hostRules && Keys.ACTIVE_CONTROLS.equals(key)) {
                mine.put(key, m == null ? t : mergedActiveControls(t, m));
            } else if (m == null || !t.timestamp().isBefore(m.timestamp())) {
                // merge() keeps the merged-in side unless this side is strictly newer.
                mine.put(key, t);
            }
        }
    }

    private void absorbSets(Map<String, List<String>> theirs) {
        if (theirs.isEmpty() || theirs == sets) {
            return;
        }
        if (sets.isEmpty()) {
            sets = theirs;
            setsOwned = false;
            return;
        }
        if (!setsOwned) {
            sets = new HashMap<>(sets);
            setsOwned = true;
        }
        mergeListsInto(sets, theirs);
    }

    private void absorbParents(Map<String, List<String>> theirs) {
        if (theirs.isEmpty() || theirs == parents) {
            return;
        }
        if (parents.isEmpty()) {
            parents = theirs;
            parentsOwned = false;
            return;
        }
        mergeListsInto(ownParents(), theirs);
    }

    private static void mergeListsInto(Map<String, List<String>> into, Map<String, List<String>> theirs) {
        theirs.forEach((k, v) -> into.merge(k, v, (existing, t) -> GoOrder.union(t, existing)));
    }

    private void absorbMetrics(Map<String, Metric> theirs) {
        if (theirs.isEmpty() || theirs == metrics) {
            return;
        }
        if (metrics.isEmpty()) {
            metrics = theirs;
            metricsOwned = false;
            return;
        }
        if (!metricsOwned) {
            metrics = new HashMap<>(metrics);
            metricsOwned = true;
        }
        // As merge(): the merged-in node's metric is the first operand of Metric.merge.
        theirs.forEach((k, v) -> metrics.merge(k, v, (existing, t) -> t.merge(existing)));
    }

    private void absorbAdjacency(Object o, RenderNode m) {
        if (m.adjacency.isEmpty() || m.adjacency == adjacency) {
            return;
        }
        if (adjacency.isEmpty()) {
            adjacency = m.adjacency;
            sortedAdjacency = m.sortedAdjacency;
            adjacencyOwned = false;
            return;
        }
        for (String a : m.adjacency) {
            addAdjacent(o, a);
        }
    }

    private void putChildrenInFront(Map<String, RenderNode> theirs) {
        if (theirs.isEmpty()) {
            return;
        }
        RenderNode[] ordered = theirs.values().toArray(new RenderNode[0]);
        String[] keys = theirs.keySet().toArray(new String[0]);
        if (childrenInFront == null) {
            childrenInFront = new LinkedHashMap<>();
        }
        for (int i = keys.length - 1; i >= 0; i--) {
            String key = keys[i];
            RenderNode kept = childrenInFront.remove(key);
            if (kept == null && children.containsKey(key)) {
                if (!childrenOwned) {
                    children = new LinkedHashMap<>(children);
                    childrenOwned = true;
                }
                kept = children.remove(key);
            }
            childrenInFront.put(key, kept != null ? kept : ordered[i]);
        }
    }

    /** Folds the children {@link #absorb} put in front into this node's ordered children. */
    void settle(Object o) {
        checkOwner(o);
        settleChildren();
    }

    private void settleChildren() {
        LinkedHashMap<String, RenderNode> front = childrenInFront;
        if (front == null) {
            return;
        }
        RenderNode[] reversed = front.values().toArray(new RenderNode[0]);
        String[] keys = front.keySet().toArray(new String[0]);
        LinkedHashMap<String, RenderNode> out = new LinkedHashMap<>(Math.max(16, (keys.length + children.size()) * 2));
        for (int i = keys.length - 1; i >= 0; i--) {
            out.put(keys[i], reversed[i]);
        }
        out.putAll(children);
        children = out;
        childrenOwned = true;
        childrenInFront = null;
    }

    private static Collection<String> union(Collection<String> a, Collection<String> b) {
        if (b.isEmpty() || a == b) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, RenderNode> mergeChildren(Map<String, RenderNode> a, Map<String, RenderNode> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Map<String, RenderNode> out = new LinkedHashMap<>(a);
        out.putAll(b);
        return out;
    }

    static Map<String, LatestEntry> mergeLatest(
            Map<String, LatestEntry> a, Map<String, LatestEntry> b, boolean hostRules) {
        if (b.isEmpty() || a == b) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Map<String, LatestEntry> out = new HashMap<>(a);
        if (hostRules) {
            mergeActiveControls(out, b);
        }
        for (Map.Entry<String, LatestEntry> e : b.entrySet()) {
            LatestEntry mine = out.get(e.getKey());
            if (mine == null || mine.timestamp().isBefore(e.getValue().timestamp())) {
                if (!(hostRules && Keys.ACTIVE_CONTROLS.equals(e.getKey()) && mine != null)) {
                    out.put(e.getKey(), e.getValue());
                }
            }
        }
        return out;
    }

    /** Scope's {@code MergeActiveControls}: hosts reported by several probes list all their controls. */
    private static void mergeActiveControls(Map<String, LatestEntry> into, Map<String, LatestEntry> other) {
        LatestEntry b = other.get(Keys.ACTIVE_CONTROLS);
        LatestEntry a = into.get(Keys.ACTIVE_CONTROLS);
        if (b == null || (a != null && a.value().equals(b.value()))) {
            return;
        }
        if (a == null) {
            into.put(Keys.ACTIVE_CONTROLS, b);
            return;
        }
        into.put(Keys.ACTIVE_CONTROLS, mergedActiveControls(a, b));
    }

    /** Both sides' active controls (sorted, de-duplicated) at the newer timestamp; {@code a} when equal. */
    private static LatestEntry mergedActiveControls(LatestEntry a, LatestEntry b) {
        if (a.value().equals(b.value())) {
            return a;
        }
        TreeSet<String> ids = new TreeSet<>(GoOrder.STRINGS);
        ids.addAll(List.of(a.value().split(";", -1)));
        ids.addAll(List.of(b.value().split(";", -1)));
        Instant ts = a.timestamp().isBefore(b.timestamp()) ? b.timestamp() : a.timestamp();
        return new LatestEntry(ts, String.join(";", ids));
    }

    static Map<String, List<String>> mergeLists(Map<String, List<String>> a, Map<String, List<String>> b) {
        if (b.isEmpty() || a == b) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Map<String, List<String>> out = new HashMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, GoOrder::union));
        return out;
    }

    static Map<String, Metric> mergeMetrics(Map<String, Metric> a, Map<String, Metric> b) {
        if (b.isEmpty() || a == b) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Map<String, Metric> out = new HashMap<>(a);
        b.forEach((k, v) -> out.merge(k, v, Metric::merge));
        return out;
    }

    /** Children of one topology, for summaries. */
    List<RenderNode> childrenOf(String childTopology) {
        settleChildren();
        List<RenderNode> out = new ArrayList<>();
        for (RenderNode c : children.values()) {
            if (c.topology.equals(childTopology)) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        settleChildren();
        return "RenderNode{" + id + ", " + topology + ", adjacency=" + adjacency + ", children=" + children.size()
                + "}";
    }
}
