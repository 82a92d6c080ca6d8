package io.scopecloud.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MergeTest {
    private static final Instant T1 = Instant.parse("2023-06-13T10:00:01Z");
    private static final Instant T2 = Instant.parse("2023-06-13T10:00:02Z");
    private static final Instant T3 = Instant.parse("2023-06-13T10:00:03Z");

    @Test
    void newerLatestEntryWins() {
        Node a = Node.builder("p", "process")
                .latest("name", T1, "old")
                .latest("pid", T2, "1")
                .build();
        Node b = Node.builder("p", "process")
                .latest("name", T2, "new")
                .latest("pid", T1, "2")
                .build();

        Node merged = a.merge(b);

        assertThat(merged.latestValue("name")).contains("new");
        assertThat(merged.latestValue("pid")).contains("1");
        assertThat(b.merge(a)).isEqualTo(merged);
    }

    @Test
    void equalTimestampsPickTheSameValueWhicheverSideItIsOn() {
        Node a = Node.builder("p", "process").latest("k", T1, "a").build();
        Node b = Node.builder("p", "process").latest("k", T1, "b").build();

        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Test
    void setsAdjacencyAndParentsAreUnioned() {
        Node a = Node.builder("e", "endpoint")
                .set("names", "b", "a")
                .adjacent("z")
                .parent("host", "h1;<host>")
                .build();
        Node b = Node.builder("e", "endpoint")
                .set("names", "c", "a")
                .adjacent("y")
                .parent("host", "h2;<host>")
                .build();

        Node merged = a.merge(b);

        assertThat(merged.sets().get("names")).containsExactly("a", "b", "c");
        assertThat(merged.adjacency()).containsExactly("y", "z");
        assertThat(merged.parents().get("host")).containsExactly("h1;<host>", "h2;<host>");
    }

    @Test
    void metricsMergeSamplesMinAndMax() {
        Metric a = Metric.of(1, 100, new Sample(T1, 1), new Sample(T2, 2));
        Metric b = Metric.of(0.5, 50, new Sample(T2, 2), new Sample(T3, 0.5));

        Metric merged = a.merge(b);

        assertThat(merged.samples()).containsExactly(new Sample(T1, 1), new Sample(T2, 2), new Sample(T3, 0.5));
        assertThat(merged.min()).isEqualTo(0.5);
        assertThat(merged.max()).isEqualTo(100);
        assertThat(b.merge(a)).isEqualTo(merged);
    }

    @Test
    void metricSamplesAreSortedAndDeduplicatedByTimestamp() {
        Metric m = Metric.of(0, 1, new Sample(T2, 2), new Sample(T1, 1), new Sample(T2, 3));

        assertThat(m.samples()).containsExactly(new Sample(T1, 1), new Sample(T2, 3));
    }

    @Test
    void hostActiveControlsAreSetUnionedAcrossProbes() {
        Node fromProbeA = Node.builder("h;<host>", "host")
                .latest(Node.ACTIVE_CONTROLS, T1, "host_exec")
                .build();
        Node fromPlugin = Node.builder("h;<host>", "host")
                .latest(Node.ACTIVE_CONTROLS, T2, "iowait~switchToIdle;host_exec")
                .build();
        Report a = Report.builder().node(TopologyType.HOST, fromProbeA).build();
        Report b = Report.builder().node(TopologyType.HOST, fromPlugin).build();

        Node merged = a.merge(b).topology(TopologyType.HOST).nodes().get("h;<host>");

        assertThat(merged.latest().get(Node.ACTIVE_CONTROLS))
                .isEqualTo(new LatestEntry(T2, "host_exec;iowait~switchToIdle"));
    }

    @Test
    void activeControlsOutsideHostsAreLatestWins() {
        Node a = Node.builder("c;<container>", "container")
                .latest(Node.ACTIVE_CONTROLS, T1, "docker_stop_container")
                .build();
        Node b = Node.builder("c;<container>", "container")
                .latest(Node.ACTIVE_CONTROLS, T2, "plugin~x")
                .build();
        Report ra = Report.builder().node(TopologyType.CONTAINER, a).build();
        Report rb = Report.builder().node(TopologyType.CONTAINER, b).build();

        Node merged = ra.merge(rb).topology(TopologyType.CONTAINER).nodes().get("c;<container>");

        assertThat(merged.latestValue(Node.ACTIVE_CONTROLS)).contains("plugin~x");
    }

    @Test
    void templateCollisionsKeepTheHigherPriority() {
        Topology a = Topology.builder()
                .metadataTemplate(new MetadataTemplate("pid", "PID", 0, "number", 1, "latest"))
                .metricTemplate(new MetricTemplate("cpu", "CPU", "percent", "", 1))
                .build();
        Topology b = Topology.builder()
                .metadataTemplate(new MetadataTemplate("pid", "Process ID", 0, "number", 5, "latest"))
                .metricTemplate(new MetricTemplate("cpu", "Processor", "percent", "", 0.5))
                .build();

        Topology merged = a.merge(b);

        assertThat(merged.metadataTemplates().get("pid").label()).isEqualTo("Process ID");
        assertThat(merged.metricTemplates().get("cpu").label()).isEqualTo("CPU");
        assertThat(b.merge(a)).isEqualTo(merged);
    }

    @Test
    void tableTemplatesTakeTheMaxOfEachFieldAndTheLongerColumns() {
        TableTemplate a = new TableTemplate(
                "t",
                "Docker labels",
                "docker_label_",
                "",
                List.of(new TableTemplate.Column("a", "A", "")),
                Map.of("x", "X"));
        TableTemplate b = new TableTemplate(
                "t",
                "Labels",
                "docker_label_",
                TableTemplate.PROPERTY_LIST,
                List.of(new TableTemplate.Column("a", "A", ""), new TableTemplate.Column("b", "B", "number")),
                Map.of());

        TableTemplate merged = a.merge(b);

        assertThat(merged.label()).isEqualTo("Labels");
        assertThat(merged.type()).isEqualTo(TableTemplate.PROPERTY_LIST);
        assertThat(merged.columns()).hasSize(2);
        assertThat(merged.fixedRows()).containsEntry("x", "X");
        assertThat(b.merge(a)).isEqualTo(merged);
    }

    @Test
    void controlsAreUnioned() {
        Topology a =
                Topology.builder().control(new Control("a", "A", "fa-a", 0)).build();
        Topology b =
                Topology.builder().control(new Control("b", "B", "fa-b", 1)).build();

        assertThat(a.merge(b).controls()).containsOnlyKeys("a", "b");
    }

    @Test
    void labelFieldsAreFirstNonEmpty() {
        Topology blank = Topology.builder().build();
        Topology labelled = Topology.builder().shape("circle").label("host").build();

        assertThat(blank.merge(labelled).shape()).isEqualTo("circle");
        assertThat(labelled.merge(Topology.builder().shape("square").build()).shape())
                .isEqualTo("circle");
    }

    @Test
    void reportLevelFieldsMergeAsScopeDoes() {
        Report a = Report.builder()
                .id("1")
                .ts(T2)
                .windowNanos(3_000_000_000L)
                .sampling(new Sampling(1, 2))
                .shortcut(true)
                .dns("10.0.0.1", new DnsRecord(List.of("a.local"), List.of()))
                .plugin(new PluginSpec("iowait", "iowait", "", List.of("reporter"), "1", "ok"))
                .build();
        Report b = Report.builder()
                .id("2")
                .ts(T1)
                .windowNanos(2_000_000_000L)
                .sampling(new Sampling(3, 4))
                .dns("10.0.0.1", new DnsRecord(List.of("b.local"), List.of("x")))
                .plugin(new PluginSpec("alpha", "alpha", "", List.of("reporter"), "1", "ok"))
                .build();
        Report zeroTs = Report.builder().id("3").build();

        Report merged = a.merge(b).merge(zeroTs);

        assertThat(merged.ts()).isEqualTo(T1);
        assertThat(merged.windowNanos()).isEqualTo(5_000_000_000L);
        assertThat(merged.sampling()).isEqualTo(new Sampling(4, 6));
        assertThat(merged.shortcut()).isFalse();
        assertThat(merged.dns().get("10.0.0.1")).isEqualTo(new DnsRecord(List.of("a.local", "b.local"), List.of("x")));
        assertThat(merged.plugins()).extracting(PluginSpec::id).containsExactly("alpha", "iowait");
    }

    @Test
    void mergedIdIsTheMurmur3OfTheInputIdsInTimeOrder() {
        Report a = Report.builder().id("hello").ts(T1).build();
        Report b = Report.builder().id(", world").ts(T2).build();

        // murmur3 Sum64("hello, world") = 0x342fac623a5ebc8e (spaolacci/murmur3 test vectors).
        assertThat(a.merge(b).id()).isEqualTo("342fac623a5ebc8e");
        assertThat(b.merge(a).id()).isEqualTo("342fac623a5ebc8e");
        assertThat(Report.mergeAll(List.of(b, a)).id()).isEqualTo("342fac623a5ebc8e");
    }

    @Test
    void murmur3MatchesTheReferenceVectors() {
        assertThat(Murmur3.sum64(new byte[0])).isZero();
        assertThat(Murmur3.sum64("hello".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xcbd8a7b341bd9b02L);
        assertThat(Murmur3.sum64("19 Jan 2038 at 3:14:07 AM".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(0xb89e5988b737affcL);
        assertThat(Murmur3.sum64("The quick brown fox jumps over the lazy dog.".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(0xcd99481f9ee902c9L);
    }

    @Test
    void mergeAllEqualsFoldingMergeExceptForTheId() {
        Report a = Report.builder()
                .id("a")
                .ts(T1)
                .node(
                        TopologyType.PROCESS,
                        Node.builder("h;1", "process").latest("pid", T1, "1").build())
                .build();
        Report b = Report.builder()
                .id("b")
                .ts(T2)
                .node(
                        TopologyType.PROCESS,
                        Node.builder("h;1", "process").latest("pid", T2, "2").build())
                .node(TopologyType.HOST, Node.builder("h;<host>", "host").build())
                .build();

        Report all = Report.mergeAll(List.of(b, a));
        Report folded = Report.empty().merge(a).merge(b);

        assertThat(all.withId("")).isEqualTo(folded.withId(""));
        assertThat(all.topology(TopologyType.PROCESS).nodes().get("h;1").latestValue("pid"))
                .contains("2");
    }

    @Test
    void mergeAllOfSuccessiveVersionsOfANodeEqualsAFold() {
        // A window: five versions of one process, as its probe publishes them every 3 s. Sets and parents are
        // equal but distinct strings, metrics continue one another except one that goes back in time, and the
        // newest version wins every latest key but one: the fast paths of mergeAll must not change the result.
        List<Report> window = new java.util.ArrayList<>();
        for (int k = 0; k < 5; k++) {
            Instant ts = T1.plusSeconds(3L * k);
            Instant sampled = k == 3 ? T1 : ts; // report 3 resends an old sample
            window.add(Report.builder()
                    .id("r" + k)
                    .ts(ts)
                    .node(
                            TopologyType.PROCESS,
                            Node.builder("h;1", "process")
                                    .latest("pid", ts, "1")
                                    .latest("name", k == 4 ? T1 : ts, "worker-" + k)
                                    .set("ips", new String("10.0.0.1"), new String("10.0.0.2"))
                                    .parent("host", new String("h;<host>"))
                                    .adjacent(new String("h;2"))
                                    .metric("cpu", 0, 100 + k, new Sample(sampled, k), new Sample(ts.plusSeconds(1), k))
                                    .build())
                    .build());
        }

        Report all = Report.mergeAll(window);
        Report folded = Report.empty();
        for (Report r : window) {
            folded = folded.merge(r);
        }

        assertThat(all.withId("")).isEqualTo(folded.withId(""));
        Node merged = all.topology(TopologyType.PROCESS).nodes().get("h;1");
        assertThat(merged.latestValue("name")).contains("worker-3");
        assertThat(merged.metrics().get("cpu").samples()).hasSize(9);
        assertThat(merged.metrics().get("cpu").max()).isEqualTo(104.0);
        assertThat(merged.sets().get("ips")).containsExactly("10.0.0.1", "10.0.0.2");
    }

    @Test
    void mergeSharesUnchangedStructure() {
        Node n = Node.builder("h;1", "process").latest("pid", T1, "1").build();
        Report a = Report.builder().node(TopologyType.PROCESS, n).build();
        Report b = Report.builder()
                .node(TopologyType.HOST, Node.of("h;<host>", "host"))
                .build();

        Report merged = a.merge(b);

        assertThat(merged.topology(TopologyType.PROCESS)).isSameAs(a.topology(TopologyType.PROCESS));
        assertThat(merged.topology(TopologyType.HOST)).isSameAs(b.topology(TopologyType.HOST));
        assertThat(n.merge(n)).isSameAs(n);
    }

    @Test
    void childrenAreUnionedById() {
        Node a = Node.builder("pod", "pod").child(Node.of("c1", "container")).build();
        Node b = Node.builder("pod", "pod")
                .child(Node.builder("c1", "container").latest("k", T1, "v").build())
                .child(Node.of("c0", "container"))
                .build();

        assertThat(a.merge(b).children()).extracting(Node::id).containsExactly("c0", "c1");
        assertThat(a.merge(b).children().get(1).latestValue("k")).contains("v");
    }

    @Test
    void defaultTopologiesCarryScopesLabels() {
        Report r = Report.empty();

        assertThat(r.topology(TopologyType.PROCESS).shape()).isEqualTo("square");
        assertThat(r.topology(TopologyType.DAEMON_SET).label()).isEqualTo("daemonset");
        assertThat(r.topology(TopologyType.STORAGE_CLASS).labelPlural()).isEqualTo("storage classes");
        assertThat(r.topology(TopologyType.VOLUME_SNAPSHOT_DATA).tag()).isEqualTo("camera");
        assertThat(r.topology(TopologyType.ENDPOINT).shape()).isEmpty();
        assertThat(r.topology(TopologyType.NAMESPACE).label()).isEmpty();
        assertThat(TopologyType.fromTopologyName("replica_set")).contains(TopologyType.REPLICA_SET);
        assertThat(TopologyType.REPLICA_SET.reportKey()).isEqualTo("ReplicaSet");
        assertThat(TopologyType.fromTopologyName("nope")).isEmpty();
    }

    @Test
    void setsSortInGoByteOrder() {
        // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (F0 9F 98 80) in Go; UTF-16 order says otherwise.
        String fullwidth = "\uFF5E";
        String emoji = "\uD83D\uDE00";
        Node n = Node.builder("n", "x").set("s", emoji, fullwidth, "a").build();

        assertThat(n.sets().get("s")).containsExactly("a", fullwidth, emoji);
        assertThat(emoji.compareTo(fullwidth)).isNegative(); // why we do not use compareTo
    }
}
