package io.scopecloud.report.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.GoTime;
import io.scopecloud.report.LatestEntry;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FixtureRoundTripTest {
    static Stream<String> allFixtures() {
        return Stream.concat(Fixtures.JSON.stream(), Fixtures.MSGPACK_GZ.stream());
    }

    @ParameterizedTest
    @MethodSource("allFixtures")
    void roundTripsThroughJson(String name) throws Exception {
        Report r = Fixtures.decode(name);
        byte[] json = ReportEncoder.toJson(r);
        assertThat(ReportDecoder.decode(json, WireFormat.JSON, false, DecodeLimits.defaults()))
                .isEqualTo(r);
    }

    @ParameterizedTest
    @MethodSource("allFixtures")
    void roundTripsThroughGzippedMsgpack(String name) throws Exception {
        Report r = Fixtures.decode(name);
        byte[] body = ReportEncoder.encode(r, WireFormat.MSGPACK, true);
        assertThat(ReportDecoder.decode(body, WireFormat.MSGPACK, true, DecodeLimits.defaults()))
                .isEqualTo(r);
    }

    @ParameterizedTest
    @MethodSource("allFixtures")
    void roundTripsThroughCompactCodec(String name) throws Exception {
        Report r = Fixtures.decode(name);
        assertThat(CompactReportCodec.decode(CompactReportCodec.encode(r))).isEqualTo(r);
    }

    @ParameterizedTest
    @MethodSource("allFixtures")
    void mergesWithItselfAndUpgrades(String name) throws Exception {
        Report r = Fixtures.decode(name);
        Report twice = r.merge(r);
        assertThat(twice.withId(r.id()).withWindowNanos(r.windowNanos()).withSampling(r.sampling()))
                .isEqualTo(r.withShortcut(false));
        assertThat(twice.windowNanos()).isEqualTo(2 * r.windowNanos());
        assertThat(r.upgrade().nodeCount()).isGreaterThanOrEqualTo(r.nodeCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"report-004", "report-006"})
    void msgpackBodiesDecodeToTheSameReportsAsTheirJson(String name) throws Exception {
        Report fromJson = Fixtures.decode(name + ".json");
        Report fromMsgpack = Fixtures.decode(name + ".msgpack.gz");

        assertThat(unredacted(fromMsgpack, fromJson)).isEqualTo(fromJson);
    }

    /**
     * The fixtures' README: a command line was replaced by {@code <redacted>} in the JSON but by a same-length
     * stand-in in the msgpack. Copy the JSON's value over wherever it says {@code <redacted>}.
     */
    private static Report unredacted(Report msgpack, Report json) {
        Topology processes = msgpack.topology(TopologyType.PROCESS);
        Topology.Builder b = processes.toBuilder().clearNodes();
        processes.nodes().forEach((key, node) -> {
            Node j = json.topology(TopologyType.PROCESS).nodes().get(key);
            LatestEntry cmd = j == null ? null : j.latest().get("cmdline");
            if (cmd != null && cmd.value().contains("<redacted>")) {
                node = node.withLatest("cmdline", cmd.timestamp(), cmd.value());
            }
            b.node(key, node);
        });
        return msgpack.withTopology(TopologyType.PROCESS, b.build());
    }

    @Test
    void decodesTheFullProbeReport() throws Exception {
        Report r = Fixtures.decode("report-004.msgpack.gz");

        assertThat(r.ts()).isEqualTo(Instant.parse("2026-11-23T00:17:09.772729552Z"));
        assertThat(r.windowNanos()).isEqualTo(3_000_519_571L);
        assertThat(r.id()).isEqualTo("5393662348176208989");
        assertThat(r.shortcut()).isFalse();
        assertThat(r.topology(TopologyType.PROCESS).nodes()).hasSize(84);
        assertThat(r.topology(TopologyType.ENDPOINT).nodes()).hasSize(4);
        assertThat(r.topology(TopologyType.PROCESS).shape()).isEqualTo("square");
        assertThat(r.topology(TopologyType.VOLUME_SNAPSHOT).tag()).isEqualTo("camera");
        assertThat(r.dns()).containsOnlyKeys("127.0.0.1");

        Node host = r.topology(TopologyType.HOST).nodes().get("vm;<host>");
        assertThat(host.topology()).isEqualTo("host");
        assertThat(host.latestValue("control_probe_id")).contains("3b0a37194325fdbc");
        assertThat(host.latest().get("active_controls"))
                .isEqualTo(new LatestEntry(Instant.parse("2026-11-23T00:17:10.76316041Z"), "host_exec"));
        assertThat(host.sets().get("local_networks")).containsExactly("127.0.0.1/8", "192.0.2.2/24");
        assertThat(host.parents().get("host")).containsExactly("vm;<host>");
        assertThat(host.metrics().get("host_cpu_usage_percent").samples()).hasSize(2);
        assertThat(host.metrics().get("host_cpu_usage_percent").max()).isEqualTo(100.0);
        assertThat(r.topology(TopologyType.HOST).controls().get("host_exec").human())
                .isEqualTo("Exec shell");
        assertThat(r.topology(TopologyType.HOST)
                        .metadataTemplates()
                        .get("uptime")
                        .dataType())
                .isEqualTo("duration");
    }

    @Test
    void deltaReportsHaveBlankIdsAndTopologies() throws Exception {
        Report delta = Fixtures.decode("report-006.msgpack.gz");
        Node process = delta.topology(TopologyType.PROCESS).nodes().get("vm;31");

        assertThat(process.id()).isEmpty();
        assertThat(process.topology()).isEmpty();
        assertThat(delta.withoutPartMergedNodes().topology(TopologyType.PROCESS).nodes())
                .doesNotContainKey("vm;31");
    }

    @Test
    void aFullReportAndItsDeltasMergeIntoCompleteNodes() throws Exception {
        Report full = Fixtures.decode("report-004.msgpack.gz");
        Report window = Report.mergeAll(java.util.List.of(
                        full, Fixtures.decode("report-006.msgpack.gz"), Fixtures.decode("report-008.msgpack.gz")))
                .withoutPartMergedNodes();

        Node host = window.topology(TopologyType.HOST).nodes().get("vm;<host>");
        assertThat(host.topology()).isEqualTo("host");
        assertThat(host.metrics().get("load1").samples().size())
                .isGreaterThan(full.topology(TopologyType.HOST)
                        .nodes()
                        .get("vm;<host>")
                        .metrics()
                        .get("load1")
                        .samples()
                        .size());
        assertThat(window.topology(TopologyType.PROCESS).nodes().values())
                .allSatisfy(n -> assertThat(n.topology()).isEqualTo("process"));
        assertThat(window.ts()).isEqualTo(full.ts());
        assertThat(GoTime.isZero(window.ts())).isFalse();
    }

    @Test
    void pluginLegacyLatestControlsBecomeActiveControls() throws Exception {
        Report r = Fixtures.decode("iowait_report.json");
        Node host = r.topology(TopologyType.HOST).nodes().get("vm;<host>");

        assertThat(host.latest().get(Node.ACTIVE_CONTROLS))
                .isEqualTo(new LatestEntry(Instant.parse("2026-11-23T00:22:03.811591709Z"), "switchToIOWait"));
        assertThat(r.plugins()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("iowait");
            assertThat(p.interfaces()).containsExactly("reporter", "controller");
            assertThat(p.apiVersion()).isEqualTo("1");
        });
    }
}
