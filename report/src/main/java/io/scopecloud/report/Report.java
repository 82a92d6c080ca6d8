package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * A Weave Scope report (§1): 23 topologies plus DNS, sampling, window, shortcut flag, plugin specs and an ID.
 * Immutable and cheap to merge: {@link #merge} returns a new report that shares every unchanged topology, node and
 * set with its inputs.
 *
 * <p>Like Scope's app, which decodes into a default report, a report always has all 23 topologies; an absent one
 * is {@link Topology#defaults}. Times are {@link Instant}s; {@link GoTime#ZERO} means "absent".
 */
public final class Report {
    private static final int TOPOLOGY_COUNT = TopologyType.values().length;
    private static final Topology[] DEFAULT_TOPOLOGIES = defaultTopologies();
    private static final Report EMPTY = new Report(
            GoTime.ZERO,
            DEFAULT_TOPOLOGIES,
            SortedArrayMap.empty(),
            SortedArrayMap.empty(),
            Sampling.NONE,
            0,
            false,
            List.of(),
            "");

    private final Instant ts;
    private final Topology[] topologies; // indexed by slot(type), never mutated
    private final SortedArrayMap<DnsRecord> dns;
    private final SortedArrayMap<DnsRecord> legacyDns;
    private final Sampling sampling;
    private final long windowNanos;
    private final boolean shortcut;
    private final List<PluginSpec> plugins; // sorted by id, unique ids
    private final String id;
    private int hash;

    private Report(
            Instant ts,
            Topology[] topologies,
            SortedArrayMap<DnsRecord> dns,
            SortedArrayMap<DnsRecord> legacyDns,
            Sampling sampling,
            long windowNanos,
            boolean shortcut,
            List<PluginSpec> plugins,
            String id) {
        this.ts = requireNonNull(ts, "ts is null");
        this.topologies = requireNonNull(topologies, "topologies is null");
        this.dns = requireNonNull(dns, "dns is null");
        this.legacyDns = requireNonNull(legacyDns, "legacyDns is null");
        this.sampling = requireNonNull(sampling, "sampling is null");
        this.windowNanos = windowNanos;
        this.shortcut = shortcut;
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.id = requireNonNull(id, "id is null");
    }

    /** A report with default topologies, zero TS, no window and an empty ID. */
    public static Report empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder(EMPTY);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A random decimal int63, the way Scope names a fresh report. */
    public static String randomId() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    /**
     * Where a type's topology sits in {@link #topologies} (and the builder's arrays): its ordinal. Arrays, not an
     * {@code EnumMap}, because merges walk all 23 by index and reports clone and compare them whole.
     */
    @SuppressWarnings("EnumOrdinal") // the one place the per-type arrays are indexed by ordinal
    private static int slot(TopologyType type) {
        return type.ordinal();
    }

    public Topology topology(TopologyType type) {
        return topologies[slot(type)];
    }

    public Instant ts() {
        return ts;
    }

    /** The time this report covers, in nanoseconds (Scope's {@code Window}). */
    public long windowNanos() {
        return windowNanos;
    }

    public boolean shortcut() {
        return shortcut;
    }

    public String id() {
        return id;
    }

    /** Plugin specs sorted by id. */
    public List<PluginSpec> plugins() {
        return plugins;
    }

    /** DNS records by IP address. */
    public Map<String, DnsRecord> dns() {
        return dns;
    }

    /**
     * DNS records sent under the key {@code nodes} by release 1.11.6 (a bug); {@link #upgrade()} moves them into
     * {@link #dns()}.
     */
    public Map<String, DnsRecord> legacyDns() {
        return legacyDns;
    }

    public Sampling sampling() {
        return sampling;
    }

    /** Total number of nodes over all topologies. */
    public int nodeCount() {
        int n = 0;
        for (Topology t : topologies) {
            n += t.nodes().size();
        }
        return n;
    }

    public Report withTs(Instant newTs) {
        return new Report(newTs, topologies, dns, legacyDns, sampling, windowNanos, shortcut, plugins, id);
    }

    public Report withWindowNanos(long n) {
        return new Report(ts, topologies, dns, legacyDns, sampling, n, shortcut, plugins, id);
    }

    public Report withShortcut(boolean newShortcut) {
        return new Report(ts, topologies, dns, legacyDns, sampling, windowNanos, newShortcut, plugins, id);
    }

    public Report withId(String newId) {
        return new Report(ts, topologies, dns, legacyDns, sampling, windowNanos, shortcut, plugins, newId);
    }

    public Report withSampling(Sampling newSampling) {
        return new Report(ts, topologies, dns, legacyDns, newSampling, windowNanos, shortcut, plugins, id);
    }

    public Report withDns(Map<String, DnsRecord> newDns) {
        return new Report(
                ts, topologies, SortedArrayMap.copyOf(newDns), legacyDns, sampling, windowNanos, shortcut, plugins, id);
    }

    public Report withPlugins(Collection<PluginSpec> newPlugins) {
        return new Report(ts, topologies, dns, legacyDns, sampling, windowNanos, shortcut, sortPlugins(newPlugins), id);
    }

    @SuppressWarnings("ReferenceEquality") // identity on purpose: the same topology means no copy
    public Report withTopology(TopologyType type, Topology t) {
        requireNonNull(t, "t is null");
        if (topologies[slot(type)] == t) {
            return this;
        }
        Topology[] copy = topologies.clone();
        copy[slot(type)] = t;
        return new Report(ts, copy, dns, legacyDns, sampling, windowNanos, shortcut, plugins, id);
    }

    /**
     * Merges two reports (§1.1). TS: the earliest non-zero; DNS: union per IP; Sampling and Window: sums;
     * Plugins: union by id; topologies: pairwise ({@link Topology#merge}, plus the Host {@code active_controls}
     * union). Shortcut is not propagated (false). ID: the hex murmur3-64 of both IDs concatenated, ordered by
     * (TS, ID) so that {@code a.merge(b)} and {@code b.merge(a)} agree. The merge is commutative and associative
     * except for the ID (a cache key, as in Scope) and the label fields (first non-empty).
     */
    public Report merge(Report other) {
        requireNonNull(other, "other is null");
        Topology[] merged = new Topology[TOPOLOGY_COUNT];
        for (int i = 0; i < TOPOLOGY_COUNT; i++) {
            merged[i] = topologies[i].merge(other.topologies[i], i == slot(TopologyType.HOST));
        }
        boolean thisFirst = ORDER.compare(this, other) <= 0;
        String mergedId = hashIds(thisFirst ? List.of(this, other) : List.of(other, this));
        return new Report(
                earliestNonZero(ts, other.ts),
                merged,
                dns.merge(other.dns, (k, a, b) -> a.merge(b)),
                legacyDns.merge(other.legacyDns, (k, a, b) -> a.merge(b)),
                sampling.merge(other.sampling),
                windowNanos + other.windowNanos,
                false,
                mergePlugins(plugins, other.plugins),
                mergedId);
    }

    /**
     * Merges many reports the way Scope's app merges a window: into a default report, in TS order, naming the
     * result with the hex murmur3-64 of the input IDs concatenated in that order. Faster than folding
     * {@link #merge} because nodes accumulate in one mutable map per topology.
     */
    public static Report mergeAll(Collection<Report> reports) {
        List<Report> sorted = new ArrayList<>(reports);
        sorted.sort(ORDER);
        Topology[] merged = DEFAULT_TOPOLOGIES.clone();
        for (int i = 0; i < TOPOLOGY_COUNT; i++) {
            boolean host = i == slot(TopologyType.HOST);
            // Versions of each node, in report order: a Node, or a NodeVersions list once there are several.
            HashMap<String, Object> versions = newVersionsMap(sorted, i);
            List<NodeVersions> several = new ArrayList<>(); // in the order they were found
            BiFunction<Object, Object, Object> addVersion = (existing, next) -> {
                if (existing instanceof NodeVersions list) {
                    list.add((Node) next);
                    return list;
                }
                NodeVersions list = new NodeVersions((Node) existing, (Node) next);
                several.add(list);
                return list;
            };
            Topology acc = merged[i];
            for (Report r : sorted) {
                Topology t = r.topologies[i];
                acc = acc.merge(t.withoutNodes(), host);
                if (versions != null) {
                    HashMap<String, Object> v = versions;
                    t.nodes().forEach((key, node) -> v.merge(key, node, addVersion));
                }
            }
            if (versions != null) {
                // Merge in the order the nodes were found, which walks every report's nodes in its own iteration
                // order: successive reports of a probe have the same node IDs, hence the same order, so the
                // versions are read from memory in step rather than at random (the hash order of the result).
                for (NodeVersions list : several) {
                    list.merged = Node.mergeAll(list, host);
                }
                versions.replaceAll((k, v) -> v instanceof NodeVersions list ? list.merged : v);
                @SuppressWarnings({"unchecked", "rawtypes"})
                HashMap<String, Node> nodes = (HashMap) versions; // every value is a Node now
                acc = acc.withNodesOwned(nodes);
            }
            merged[i] = acc;
        }
        Instant ts = GoTime.ZERO;
        SortedArrayMap<DnsRecord> dns = SortedArrayMap.empty();
        SortedArrayMap<DnsRecord> legacyDns = SortedArrayMap.empty();
        Sampling sampling = Sampling.NONE;
        long window = 0;
        List<PluginSpec> plugins = List.of();
        for (Report r : sorted) {
            ts = earliestNonZero(ts, r.ts);
            dns = dns.merge(r.dns, (k, a, b) -> a.merge(b));
            legacyDns = legacyDns.merge(r.legacyDns, (k, a, b) -> a.merge(b));
            sampling = sampling.merge(r.sampling);
            window += r.windowNanos;
            plugins = mergePlugins(plugins, r.plugins);
        }
        return new Report(ts, merged, dns, legacyDns, sampling, window, false, plugins, hashIds(sorted));
    }

    /** The §1.5 upgrade steps: pod parents via replica sets, synthesized namespaces, DNS from legacy fields. */
    public Report upgrade() {
        return Upgrades.upgrade(this);
    }

    /**
     * Drops every node whose {@code topology} is blank: the "part-merged" nodes of delta reports whose full report
     * is not in the window (§1.5). Scope's app does this after merging a window and before rendering.
     */
    public Report withoutPartMergedNodes() {
        Topology[] copy = null;
        for (int i = 0; i < TOPOLOGY_COUNT; i++) {
            Map<String, Node> nodes = topologies[i].nodes();
            boolean any = false;
            for (Node n : nodes.values()) {
                if (n.topology().isEmpty()) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                continue;
            }
            HashMap<String, Node> kept = new HashMap<>(Topology.capacity(nodes.size()));
            nodes.forEach((k, n) -> {
                if (!n.topology().isEmpty()) {
                    kept.put(k, n);
                }
            });
            if (copy == null) {
                copy = topologies.clone();
            }
            copy[i] = topologies[i].withNodes(kept);
        }
        return copy == null ? this : new Report(ts, copy, dns, legacyDns, sampling, windowNanos, shortcut, plugins, id);
    }

    /**
     * A map for the node versions of one topology, sized for the number of distinct node IDs, estimated as the
     * total over the reports divided by how many reports one node appears in. In a window every probe's nodes come
     * again in each of its reports, and a table sized for the total (5 times too big at 5 reports per probe)
     * spreads the lookups over more cache lines; growing from the largest report costs rehashes.
     */
    @SuppressWarnings("NonApiType") // a HashMap on purpose: it becomes the nodes of a topology (withNodesOwned)
    private static HashMap<String, Object> newVersionsMap(List<Report> reports, int topology) {
        int total = 0;
        Map<String, Node> largest = Map.of();
        for (Report r : reports) {
            Map<String, Node> nodes = r.topologies[topology].nodes();
            total += nodes.size();
            if (nodes.size() > largest.size()) {
                largest = nodes;
            }
        }
        if (total == 0) {
            return null;
        }
        String sample = largest.keySet().iterator().next();
        int reportsWithSample = 0;
        for (Report r : reports) {
            if (r.topologies[topology].nodes().containsKey(sample)) {
                reportsWithSample++;
            }
        }
        int expected = Math.max(largest.size(), total / reportsWithSample);
        return new HashMap<>(Topology.capacity(expected));
    }

    /** Several versions of one node, collected by {@link #mergeAll}. */
    private static final class NodeVersions extends ArrayList<Node> {
        private static final long serialVersionUID = 1L;

        Node merged;

        NodeVersions(Node first, Node second) {
            super(8); // a 15 s window holds 5 reports per probe
            add(first);
            add(second);
        }
    }

    private static final Comparator<Report> ORDER =
            Comparator.comparing((Report r) -> r.ts).thenComparing(r -> r.id, Utf8Order.COMPARATOR);

    static String hashIds(List<Report> ordered) {
        StringBuilder sb = new StringBuilder();
        for (Report r : ordered) {
            sb.append(r.id);
        }
        return Long.toHexString(Murmur3.sum64(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static Instant earliestNonZero(Instant a, Instant b) {
        if (GoTime.isZero(a)) {
            return b;
        }
        if (GoTime.isZero(b)) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }

    private static List<PluginSpec> mergePlugins(List<PluginSpec> a, List<PluginSpec> b) {
        if (b.isEmpty() || a.equals(b)) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<PluginSpec> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int c = Utf8Order.compare(a.get(i).id(), b.get(j).id());
            if (c < 0) {
                out.add(a.get(i++));
            } else if (c > 0) {
                out.add(b.get(j++));
            } else {
                PluginSpec x = a.get(i++);
                PluginSpec y = b.get(j++);
                out.add(PluginSpec.TIE_BREAK.compare(x, y) >= 0 ? x : y);
            }
        }
        out.addAll(a.subList(i, a.size()));
        out.addAll(b.subList(j, b.size()));
        return List.copyOf(out);
    }

    static List<PluginSpec> sortPlugins(Collection<PluginSpec> specs) {
        List<PluginSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparing(PluginSpec::id, Utf8Order.COMPARATOR));
        List<PluginSpec> out = new ArrayList<>(sorted.size());
        for (PluginSpec p : sorted) {
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).id().equals(p.id())) {
                PluginSpec x = out.get(last);
                out.set(last, PluginSpec.TIE_BREAK.compare(x, p) >= 0 ? x : p);
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static Topology[] defaultTopologies() {
        Topology[] t = new Topology[TOPOLOGY_COUNT];
        for (TopologyType type : TopologyType.values()) {
            t[slot(type)] = Topology.defaults(type);
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Report r)) {
            return false;
        }
        return windowNanos == r.windowNanos
                && shortcut == r.shortcut
                && ts.equals(r.ts)
                && id.equals(r.id)
                && sampling.equals(r.sampling)
                && plugins.equals(r.plugins)
                && dns.equals(r.dns)
                && legacyDns.equals(r.legacyDns)
                && Arrays.equals(topologies, r.topologies);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(ts, windowNanos, shortcut, id, sampling, plugins, dns, legacyDns)
                    + 31 * Arrays.hashCode(topologies);
            hash = h == 0 ? 1 : h;
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Report{ID=")
                .append(id)
                .append(", TS=")
                .append(ts)
                .append(", Window=")
                .append(windowNanos)
                .append(", Shortcut=")
                .append(shortcut);
        for (TopologyType t : TopologyType.values()) {
            int n = topology(t).nodes().size();
            if (n > 0) {
                sb.append(", ").append(t.reportKey()).append('=').append(n);
            }
        }
        return sb.append('}').toString();
    }

    /** Builds a report; for probes and tests. Nodes added with {@link #node} are merged into their topology. */
    public static final class Builder {
        private Instant ts;
        private final Topology[] topologies;
        private final Topology.Builder[] builders = new Topology.Builder[TOPOLOGY_COUNT];
        private final SortedArrayMap.Builder<DnsRecord> dns = new SortedArrayMap.Builder<>((k, a, b) -> a.merge(b));
        private final SortedArrayMap.Builder<DnsRecord> legacyDns =
                new SortedArrayMap.Builder<>((k, a, b) -> a.merge(b));
        private Sampling sampling;
        private long windowNanos;
        private boolean shortcut;
        private List<PluginSpec> plugins;
        private String id;

        private Builder(Report from) {
            ts = from.ts;
            topologies = from.topologies.clone();
            dns.from(from.dns);
            legacyDns.from(from.legacyDns);
            sampling = from.sampling;
            windowNanos = from.windowNanos;
            shortcut = from.shortcut;
            plugins = from.plugins;
            id = from.id;
        }

        public Builder ts(Instant value) {
            ts = requireNonNull(value, "ts is null");
            return this;
        }

        public Builder windowNanos(long value) {
            windowNanos = value;
            return this;
        }

        public Builder window(java.time.Duration value) {
            windowNanos = value.toNanos();
            return this;
        }

        public Builder shortcut(boolean value) {
            shortcut = value;
            return this;
        }

        public Builder id(String value) {
            id = requireNonNull(value, "id is null");
            return this;
        }

        public Builder sampling(Sampling value) {
            sampling = requireNonNull(value, "sampling is null");
            return this;
        }

        /** Adds (unions) a DNS record for {@code ip}. */
        public Builder dns(String ip, DnsRecord record) {
            dns.put(ip, record);
            return this;
        }

        /** Adds (unions) a legacy {@code nodes} DNS record; see {@link Report#legacyDns()}. */
        public Builder legacyDns(String ip, DnsRecord record) {
            legacyDns.put(ip, record);
            return this;
        }

        public Builder clearLegacyDns() {
            legacyDns.clear();
            return this;
        }

        public Builder clearDns() {
            dns.clear();
            return this;
        }

        /** Adds a plugin spec; one with the same id is replaced. */
        public Builder plugin(PluginSpec spec) {
            requireNonNull(spec, "spec is null");
            List<PluginSpec> list = new ArrayList<>(plugins);
            list.removeIf(p -> p.id().equals(spec.id()));
            list.add(spec);
            plugins = sortPlugins(list);
            return this;
        }

        public Builder plugins(Collection<PluginSpec> specs) {
            plugins = sortPlugins(specs);
            return this;
        }

        /** Replaces a whole topology (and forgets nodes added to it so far). */
        public Builder topology(TopologyType type, Topology t) {
            topologies[slot(type)] = requireNonNull(t, "t is null");
            builders[slot(type)] = null;
            return this;
        }

        /** The builder of one topology, to add nodes, controls and templates in place. */
        public Topology.Builder topology(TopologyType type) {
            Topology.Builder b = builders[slot(type)];
            if (b == null) {
                b = topologies[slot(type)].toBuilder();
                builders[slot(type)] = b;
            }
            return b;
        }

        /** Adds a node under its id; a node already there is merged with it. */
        public Builder node(TopologyType type, Node n) {
            topology(type).node(n);
            return this;
        }

        public Report build() {
            Topology[] t = topologies.clone();
            for (int i = 0; i < TOPOLOGY_COUNT; i++) {
                if (builders[i] != null) {
                    t[i] = builders[i].build();
                }
            }
            return new Report(ts, t, dns.build(), legacyDns.build(), sampling, windowNanos, shortcut, plugins, id);
        }
    }
}
