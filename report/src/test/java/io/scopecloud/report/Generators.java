package io.scopecloud.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators for the model. Keys and IDs come from small pools so that generated reports collide (the
 * interesting case for merges); strings include non-ASCII and supplementary characters to exercise byte ordering.
 */
public final class Generators {
    private static final TopologyType[] TYPES = {
        TopologyType.ENDPOINT, TopologyType.PROCESS, TopologyType.CONTAINER, TopologyType.HOST
    };

    private Generators() {}

    static Arbitrary<String> keys() {
        return Arbitraries.of("a", "b", "pid", "host_node_id", "ü", "\uFF5E", "\uD83D\uDE00", "z;<host>");
    }

    static Arbitrary<String> text() {
        Arbitrary<String> plain = Arbitraries.strings()
                .withCharRange(' ', '~')
                .withCharRange('\u00a0', '\u024f')
                .withCharRange('\u4e00', '\u4e0f')
                .ofMaxLength(8);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, plain),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("\uD83D\uDE00", "<tag>&", "\uFF5E", "")));
    }

    static Arbitrary<Instant> times() {
        Arbitrary<Instant> near = Arbitraries.integers().between(0, 5).map(i -> Instant.parse("2023-06-13T10:00:00Z")
                .plusMillis(500L * i));
        Arbitrary<Instant> wide = Combinators.combine(
                        Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, near),
                net.jqwik.api.Tuple.of(3, wide),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(GoTime.ZERO)));
    }

    /** Finite doubles (JSON cannot carry NaN or infinities). */
    static Arbitrary<Double> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of(0.0, 1.0, 100.0, 0.86, 1.8446744073709552E19, 2.5276063744E10, 1e-7, -3.5),
                Arbitraries.doubles().between(-1e12, 1e12));
    }

    static Arbitrary<Metric> metrics() {
        Arbitrary<Sample> sample = Combinators.combine(times(), numbers()).as(Sample::new);
        return Combinators.combine(sample.list().ofMaxSize(4), numbers(), numbers())
                .as(Metric::new);
    }

    static Arbitrary<Node> nodes(String id, String topology) {
        Arbitrary<Map<String, LatestEntry>> latest = Arbitraries.maps(
                        keys(), Combinators.combine(times(), text()).as(LatestEntry::new))
                .ofMaxSize(4);
        Arbitrary<Map<String, List<String>>> sets =
                Arbitraries.maps(keys(), text().list().ofMaxSize(3)).ofMaxSize(3);
        Arbitrary<List<String>> adjacency = keys().list().ofMaxSize(3);
        Arbitrary<Map<String, Metric>> metrics =
                Arbitraries.maps(keys(), metrics()).ofMaxSize(2);
        Arbitrary<Map<String, List<String>>> parents = Arbitraries.maps(
                        Arbitraries.of("host", "container", "pod"),
                        keys().list().ofMaxSize(2))
                .ofMaxSize(2);
        Arbitrary<String> blankOr = Arbitraries.of(true, true, true, false).map(b -> b ? "x" : "");
        return Combinators.combine(latest, sets, adjacency, metrics, parents, blankOr)
                .as((l, s, a, m, p, blank) -> {
                    Node.Builder b = Node.builder(blank.isEmpty() ? "" : id, blank.isEmpty() ? "" : topology);
                    l.forEach(b::latest);
                    s.forEach(b::set);
                    a.forEach(b::adjacent);
                    m.forEach(b::metric);
                    p.forEach(b::parents);
                    return b.build();
                });
    }

    static Arbitrary<Topology> topologies(TopologyType type) {
        Arbitrary<Map<String, Node>> nodes = keys().list()
                .uniqueElements()
                .ofMaxSize(4)
                .flatMap(ids -> {
                    if (ids.isEmpty()) {
                        return Arbitraries.just(Map.<String, Node>of());
                    }
                    List<Arbitrary<Node>> each = ids.stream()
                            .map(id -> nodes(id, type.topologyName()))
                            .toList();
                    return Combinators.combine(each).as(list -> {
                        Map<String, Node> m = new java.util.HashMap<>();
                        for (int i = 0; i < ids.size(); i++) {
                            m.put(ids.get(i), list.get(i));
                        }
                        return m;
                    });
                });
        Arbitrary<Control> control = Combinators.combine(
                        Arbitraries.of("host_exec", "stop"),
                        text(),
                        text(),
                        text(),
                        Arbitraries.integers().between(0, 3),
                        text())
                .as(Control::new);
        Arbitrary<MetadataTemplate> metadata = Combinators.combine(
                        Arbitraries.of("pid", "os"),
                        text(),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.of("", "number"),
                        Arbitraries.of(0.0, 1.0, 2.5),
                        Arbitraries.of("", "latest", "sets"))
                .as(MetadataTemplate::new);
        Arbitrary<MetricTemplate> metric = Combinators.combine(
                        Arbitraries.of("cpu", "mem"),
                        text(),
                        Arbitraries.of("", "percent"),
                        text(),
                        Arbitraries.of(0.0, 1.0))
                .as(MetricTemplate::new);
        Arbitrary<TableTemplate> table = Combinators.combine(
                        Arbitraries.of("t1", "t2"),
                        text(),
                        text(),
                        Arbitraries.of("", TableTemplate.PROPERTY_LIST),
                        Combinators.combine(Arbitraries.of("a", "b"), text(), text())
                                .as(TableTemplate.Column::new)
                                .list()
                                .ofMaxSize(2),
                        Arbitraries.maps(keys(), text()).ofMaxSize(2))
                .as(TableTemplate::new);
        return Combinators.combine(
                        nodes,
                        control.list().ofMaxSize(2),
                        metadata.list().ofMaxSize(2),
                        metric.list().ofMaxSize(2),
                        table.list().ofMaxSize(2))
                .as((n, c, md, mt, tt) -> {
                    Topology.Builder b = Topology.builder(type);
                    n.forEach(b::node);
                    c.forEach(b::control);
                    md.forEach(b::metadataTemplate);
                    mt.forEach(b::metricTemplate);
                    tt.forEach(b::tableTemplate);
                    return b.build();
                });
    }

    public static Arbitrary<Report> reports() {
        Arbitrary<PluginSpec> plugin = Combinators.combine(
                        Arbitraries.of("iowait", "recorder"),
                        text(),
                        text(),
                        Arbitraries.of(List.of("reporter"), List.of("reporter", "controller")),
                        Arbitraries.of("", "1"),
                        Arbitraries.of("", "ok", "error: x"))
                .as(PluginSpec::new);
        Arbitrary<Map<String, DnsRecord>> dns = Arbitraries.maps(
                        Arbitraries.of("10.0.0.1", "10.0.0.2"),
                        Combinators.combine(
                                        text().list().ofMaxSize(2),
                                        text().list().ofMaxSize(2))
                                .as(DnsRecord::new))
                .ofMaxSize(2);
        Arbitrary<Topology[]> tops = Combinators.combine(
                        topologies(TYPES[0]), topologies(TYPES[1]), topologies(TYPES[2]), topologies(TYPES[3]))
                .as((a, b, c, d) -> new Topology[] {a, b, c, d});
        Arbitrary<Report> base = Combinators.combine(
                        times(),
                        Arbitraries.longs().between(0, 1L << 40),
                        Arbitraries.of(true, false),
                        Arbitraries.strings().numeric().ofMaxLength(19),
                        Arbitraries.longs().between(0, 1000),
                        plugin.list().ofMaxSize(2),
                        dns)
                .as((ts, window, shortcut, id, count, plugins, d) -> Report.builder()
                        .ts(ts)
                        .windowNanos(window)
                        .shortcut(shortcut)
                        .id(id)
                        .sampling(new Sampling(count, count * 2))
                        .plugins(plugins)
                        .build()
                        .withDns(d));
        return Combinators.combine(base, tops).as((r, t) -> {
            for (int i = 0; i < TYPES.length; i++) {
                r = r.withTopology(TYPES[i], t[i]);
            }
            return r;
        });
    }
}
