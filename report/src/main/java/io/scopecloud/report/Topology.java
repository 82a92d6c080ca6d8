package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One topology of a report: label fields, nodes by ID, and the controls and templates the UI uses to show them.
 * Immutable; merging returns a new topology that shares whatever did not change.
 *
 * <p>Nodes live in a hash map (renderers look nodes up by ID a lot) that is never mutated after construction;
 * controls and templates are small sorted maps.
 */
public final class Topology {
    private static final Topology EMPTY = new Topology(
            "",
            "",
            "",
            "",
            Map.of(),
            SortedArrayMap.empty(),
            SortedArrayMap.empty(),
            SortedArrayMap.empty(),
            SortedArrayMap.empty());

    private final String shape;
    private final String tag;
    private final String label;
    private final String labelPlural;
    private final Map<String, Node> nodes; // unmodifiable, never mutated
    private final SortedArrayMap<Control> controls;
    private final SortedArrayMap<MetadataTemplate> metadataTemplates;
    private final SortedArrayMap<MetricTemplate> metricTemplates;
    private final SortedArrayMap<TableTemplate> tableTemplates;
    private int hash;

    private Topology(
            String shape,
            String tag,
            String label,
            String labelPlural,
            Map<String, Node> nodes,
            SortedArrayMap<Control> controls,
            SortedArrayMap<MetadataTemplate> metadataTemplates,
            SortedArrayMap<MetricTemplate> metricTemplates,
            SortedArrayMap<TableTemplate> tableTemplates) {
        this.shape = requireNonNull(shape, "shape is null");
        this.tag = requireNonNull(tag, "tag is null");
        this.label = requireNonNull(label, "label is null");
        this.labelPlural = requireNonNull(labelPlural, "labelPlural is null");
        this.nodes = nodes;
        this.controls = controls;
        this.metadataTemplates = metadataTemplates;
        this.metricTemplates = metricTemplates;
        this.tableTemplates = tableTemplates;
    }

    /** A topology with no label fields and nothing in it. */
    public static Topology empty() {
        return EMPTY;
    }

    /** What the app decodes a topology into: empty, with the type's default shape, tag and labels. */
    public static Topology defaults(TopologyType type) {
        return Defaults.TOPOLOGIES.get(type);
    }

    /**
     * A topology with these label fields and nothing in it: {@code type}'s defaults, shared, when the fields are
     * theirs. Most topologies of a probe's report are empty, and a query instance decodes hundreds of reports a second.
     */
    public static Topology labelled(TopologyType type, String shape, String tag, String label, String labelPlural) {
        Topology d = defaults(type);
        if (d.shape.equals(shape) && d.tag.equals(tag) && d.label.equals(label) && d.labelPlural.equals(labelPlural)) {
            return d;
        }
        return new Topology(
                shape,
                tag,
                label,
                labelPlural,
                Map.of(),
                SortedArrayMap.empty(),
                SortedArrayMap.empty(),
                SortedArrayMap.empty(),
                SortedArrayMap.empty());
    }

    public static Builder builder() {
        return new Builder(EMPTY);
    }

    public static Builder builder(TopologyType type) {
        return new Builder(defaults(type));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public String shape() {
        return shape;
    }

    public String tag() {
        return tag;
    }

    public String label() {
        return label;
    }

    public String labelPlural() {
        return labelPlural;
    }

    /** Nodes by ID (the key is authoritative: delta nodes have a blank {@link Node#id()}). */
    public Map<String, Node> nodes() {
        return nodes;
    }

    public Map<String, Control> controls() {
        return controls;
    }

    public Map<String, MetadataTemplate> metadataTemplates() {
        return metadataTemplates;
    }

    public Map<String, MetricTemplate> metricTemplates() {
        return metricTemplates;
    }

    public Map<String, TableTemplate> tableTemplates() {
        return tableTemplates;
    }

    /** Adds or replaces the node under its own {@link Node#id()}. */
    public Topology withNode(Node n) {
        return withNode(n.id(), n);
    }

    /** Adds or replaces the node under {@code key} (use this for delta nodes, whose id is blank). */
    public Topology withNode(String key, Node n) {
        requireNonNull(key, "key is null");
        requireNonNull(n, "n is null");
        HashMap<String, Node> copy = new HashMap<>(nodes);
        copy.put(key, n);
        return withNodes(copy);
    }

    /** A copy with exactly these nodes (copied). */
    public Topology withNodes(Map<String, Node> newNodes) {
        return new Topology(
                shape,
                tag,
                label,
                labelPlural,
                freeze(new HashMap<>(newNodes)),
                controls,
                metadataTemplates,
                metricTemplates,
                tableTemplates);
    }

    /** A copy without nodes (label fields, controls and templates only). */
    public Topology withoutNodes() {
        return nodes.isEmpty()
                ? this
                : new Topology(
                        shape,
                        tag,
                        label,
                        labelPlural,
                        Map.of(),
                        controls,
                        metadataTemplates,
                        metricTemplates,
                        tableTemplates);
    }

    /** Like {@link #withNodes} but takes ownership of the map: the caller must not touch it again. */
    @SuppressWarnings("NonApiType") // a HashMap on purpose: nodes live in one, and this takes it over
    Topology withNodesOwned(HashMap<String, Node> newNodes) {
        return new Topology(
                shape,
                tag,
                label,
                labelPlural,
                freeze(newNodes),
                controls,
                metadataTemplates,
                metricTemplates,
                tableTemplates);
    }

    /** A copy without controls, e.g. for probes started with {@code --probe.no-controls}. */
    public Topology withoutControls() {
        return controls.isEmpty() ? this : toBuilder().clearControls().build();
    }

    /** A copy without templates, as in a delta report. */
    public Topology withoutTemplates() {
        return toBuilder().clearTemplates().build();
    }

    /** Scope's topology merge (§1.4), without the Host-only node rule. */
    public Topology merge(Topology other) {
        return merge(other, false);
    }

    /**
     * Merges two topologies. Label fields: first non-empty. Nodes: union, nodes on both sides merged. Controls:
     * union (a collision keeps the greater control by a fixed order, so the merge is commutative). Metadata and
     * metric templates: the higher priority wins. Table templates: {@link TableTemplate#merge}.
     */
    @SuppressWarnings("ReferenceEquality") // on purpose: unchanged parts let the merge return a side
    Topology merge(Topology other, boolean hostRules) {
        if (other == this || other == EMPTY) {
            return this;
        }
        String s = shape.isEmpty() ? other.shape : shape;
        String t = tag.isEmpty() ? other.tag : tag;
        String l = label.isEmpty() ? other.label : label;
        String lp = labelPlural.isEmpty() ? other.labelPlural : labelPlural;
        Map<String, Node> n = mergeNodes(nodes, other.nodes, hostRules);
        SortedArrayMap<Control> c =
                controls.merge(other.controls, (k, x, y) -> Control.TIE_BREAK.compare(x, y) >= 0 ? x : y);
        SortedArrayMap<MetadataTemplate> mdt = metadataTemplates.merge(
                other.metadataTemplates, (k, x, y) -> MetadataTemplate.MERGE_ORDER.compare(x, y) >= 0 ? x : y);
        SortedArrayMap<MetricTemplate> mt = metricTemplates.merge(
                other.metricTemplates, (k, x, y) -> MetricTemplate.MERGE_ORDER.compare(x, y) >= 0 ? x : y);
        SortedArrayMap<TableTemplate> tt = tableTemplates.merge(other.tableTemplates, (k, x, y) -> x.merge(y));
        if (s.equals(shape)
                && t.equals(tag)
                && l.equals(label)
                && lp.equals(labelPlural)
                && n == nodes
                && c == controls
                && mdt == metadataTemplates
                && mt == metricTemplates
                && tt == tableTemplates) {
            return this;
        }
        if (s.equals(other.shape)
                && t.equals(other.tag)
                && l.equals(other.label)
                && lp.equals(other.labelPlural)
                && n == other.nodes
                && c == other.controls
                && mdt == other.metadataTemplates
                && mt == other.metricTemplates
                && tt == other.tableTemplates) {
            return other;
        }
        return new Topology(s, t, l, lp, n, c, mdt, mt, tt);
    }

    @SuppressWarnings("ReferenceEquality") // identity on purpose: a merge that returns the node it had changes nothing
    private static Map<String, Node> mergeNodes(Map<String, Node> a, Map<String, Node> b, boolean hostRules) {
        if (b.isEmpty() || a == b) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        boolean swap = b.size() > a.size();
        Map<String, Node> big = swap ? b : a;
        Map<String, Node> small = swap ? a : b;
        HashMap<String, Node> out = null;
        for (Map.Entry<String, Node> e : small.entrySet()) {
            Node mine = big.get(e.getKey());
            Node merged;
            if (mine == null) {
                merged = e.getValue();
            } else {
                // Keep the left-hand side first: "first non-empty" and "this wins" rules depend on it.
                merged = swap ? e.getValue().merge(mine, hostRules) : mine.merge(e.getValue(), hostRules);
                if (merged == mine) {
                    continue;
                }
            }
            if (out == null) {
                out = new HashMap<>(capacity(big.size() + small.size()));
                out.putAll(big);
            }
            out.put(e.getKey(), merged);
        }
        return out == null ? big : freeze(out);
    }

    static int capacity(int n) {
        return (int) Math.min(1 << 30, (long) (n / 0.75f) + 1);
    }

    @SuppressWarnings("NonApiType") // a HashMap on purpose: a topology's nodes live in one
    static Map<String, Node> freeze(HashMap<String, Node> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(map);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Topology t)) {
            return false;
        }
        return shape.equals(t.shape)
                && tag.equals(t.tag)
                && label.equals(t.label)
                && labelPlural.equals(t.labelPlural)
                && nodes.equals(t.nodes)
                && controls.equals(t.controls)
                && metadataTemplates.equals(t.metadataTemplates)
                && metricTemplates.equals(t.metricTemplates)
                && tableTemplates.equals(t.tableTemplates);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Objects.hash(
                    shape,
                    tag,
                    label,
                    labelPlural,
                    nodes,
                    controls,
                    metadataTemplates,
                    metricTemplates,
                    tableTemplates);
            hash = h == 0 ? 1 : h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "Topology{shape=" + shape + ", tag=" + tag + ", label=" + label + ", labelPlural=" + labelPlural
                + ", nodes=" + nodes.size() + ", controls=" + controls.keySet() + "}";
    }

    /** Builds a topology; starts from a copy of an existing one. */
    public static final class Builder {
        private String shape;
        private String tag;
        private String label;
        private String labelPlural;
        private HashMap<String, Node> nodes;
        private boolean nodesShared; // nodes was handed to a built Topology: copy before mutating
        // Adding a key again replaces its value, as Map.put would.
        private final SortedArrayMap.Builder<Control> controls = new SortedArrayMap.Builder<>((k, a, b) -> b);
        private final SortedArrayMap.Builder<MetadataTemplate> metadataTemplates =
                new SortedArrayMap.Builder<>((k, a, b) -> b);
        private final SortedArrayMap.Builder<MetricTemplate> metricTemplates =
                new SortedArrayMap.Builder<>((k, a, b) -> b);
        private final SortedArrayMap.Builder<TableTemplate> tableTemplates =
                new SortedArrayMap.Builder<>((k, a, b) -> b);

        private Builder(Topology from) {
            shape = from.shape;
            tag = from.tag;
            label = from.label;
            labelPlural = from.labelPlural;
            nodes = new HashMap<>(from.nodes);
            controls.from(from.controls);
            metadataTemplates.from(from.metadataTemplates);
            metricTemplates.from(from.metricTemplates);
            tableTemplates.from(from.tableTemplates);
        }

        public Builder shape(String value) {
            shape = requireNonNull(value, "shape is null");
            return this;
        }

        public Builder tag(String value) {
            tag = requireNonNull(value, "tag is null");
            return this;
        }

        public Builder label(String value) {
            label = requireNonNull(value, "label is null");
            return this;
        }

        public Builder labelPlural(String value) {
            labelPlural = requireNonNull(value, "labelPlural is null");
            return this;
        }

        /** Adds the node under its id; a node already under that key is merged with it. */
        public Builder node(Node n) {
            return node(n.id(), n);
        }

        /** Adds the node under {@code key}; a node already under that key is merged with it. */
        public Builder node(String key, Node n) {
            requireNonNull(key, "key is null");
            requireNonNull(n, "n is null");
            mutableNodes().merge(key, n, Node::merge);
            return this;
        }

        public Builder control(Control c) {
            controls.put(c.id(), c);
            return this;
        }

        /** Adds a control under {@code key} (normally its id). */
        public Builder control(String key, Control c) {
            controls.put(key, c);
            return this;
        }

        public Builder metadataTemplate(MetadataTemplate t) {
            return metadataTemplate(t.id(), t);
        }

        public Builder metadataTemplate(String key, MetadataTemplate t) {
            metadataTemplates.put(key, t);
            return this;
        }

        public Builder metricTemplate(MetricTemplate t) {
            return metricTemplate(t.id(), t);
        }

        public Builder metricTemplate(String key, MetricTemplate t) {
            metricTemplates.put(key, t);
            return this;
        }

        public Builder tableTemplate(TableTemplate t) {
            return tableTemplate(t.id(), t);
        }

        public Builder tableTemplate(String key, TableTemplate t) {
            tableTemplates.put(key, t);
            return this;
        }

        public Builder clearNodes() {
            nodes = new HashMap<>();
            nodesShared = false;
            return this;
        }

        private Map<String, Node> mutableNodes() {
            if (nodesShared) {
                nodes = new HashMap<>(nodes);
                nodesShared = false;
            }
            return nodes;
        }

        public Builder clearControls() {
            controls.clear();
            return this;
        }

        public Builder clearTemplates() {
            metadataTemplates.clear();
            metricTemplates.clear();
            tableTemplates.clear();
            return this;
        }

        public int nodeCount() {
            return nodes.size();
        }

        public Topology build() {
            Topology built = new Topology(
                    shape,
                    tag,
                    label,
                    labelPlural,
                    freeze(nodes),
                    controls.build(),
                    metadataTemplates.build(),
                    metricTemplates.build(),
                    tableTemplates.build());
            nodesShared = true;
            return built;
        }
    }

    /** Holds the default topologies; a nested class so that {@code EMPTY} is initialised first. */
    private static final class Defaults {
        static final Map<TopologyType, Topology> TOPOLOGIES = new EnumMap<>(TopologyType.class);

        static {
            for (TopologyType t : TopologyType.values()) {
                Topology defaults = new Topology(
                        t.defaultShape(),
                        t.defaultTag(),
                        t.defaultLabel(),
                        t.defaultLabelPlural(),
                        Map.of(),
                        SortedArrayMap.empty(),
                        SortedArrayMap.empty(),
                        SortedArrayMap.empty(),
                        SortedArrayMap.empty());
                TOPOLOGIES.put(t, defaults);
            }
        }
    }
}
