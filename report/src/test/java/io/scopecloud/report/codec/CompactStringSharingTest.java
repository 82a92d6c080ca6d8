package io.scopecloud.report.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What one thread's compact decodes share: short strings across decodes, a repeated time within one, and the default
 * topologies.
 */
class CompactStringSharingTest {
    @Test
    void decodesOnOneThreadShareTheirShortStrings() throws Exception {
        byte[] compact = CompactReportCodec.encode(Fixtures.decode("report-004.msgpack.gz"));

        Node first = host(CompactReportCodec.decode(compact));
        Node again = host(CompactReportCodec.decode(compact));

        assertThat(again).isEqualTo(first);
        assertThat(again.id()).isSameAs(first.id());
        assertThat(again.topology()).isSameAs(first.topology());
        String key = first.latest().keySet().iterator().next();
        assertThat(again.latest().keySet().iterator().next()).isSameAs(key);
    }

    @Test
    void anEmptyTopologyIsItsTypesDefaults() throws Exception {
        Report decoded = CompactReportCodec.decode(CompactReportCodec.encode(Fixtures.decode("report-004.msgpack.gz")));

        int empty = 0;
        for (TopologyType type : TopologyType.values()) {
            Topology t = decoded.topology(type);
            if (t.equals(Topology.defaults(type))) {
                assertThat(t).as(type.toString()).isSameAs(Topology.defaults(type));
                empty++;
            }
        }
        assertThat(empty)
                .as("a host probe's report leaves most topologies empty")
                .isGreaterThan(3);
    }

    @Test
    void anEmptyTopologyWithLabelsOfItsOwnKeepsThem() throws Exception {
        Report r = Report.builder()
                .topology(
                        TopologyType.POD,
                        Topology.builder(TopologyType.POD)
                                .label("workload")
                                .labelPlural("workloads")
                                .build())
                .build();

        Topology pods = CompactReportCodec.decode(CompactReportCodec.encode(r)).topology(TopologyType.POD);

        assertThat(pods).isEqualTo(r.topology(TopologyType.POD));
        assertThat(pods.label()).isEqualTo("workload");
        assertThat(pods.labelPlural()).isEqualTo("workloads");
        assertThat(pods.nodes()).isEmpty();
    }

    @Test
    void latestEntriesOfOneTimeShareOneInstant() throws Exception {
        Instant at = Instant.parse("2026-12-06T10:00:00.123456789Z");
        Report r = Report.builder()
                .node(
                        TopologyType.HOST,
                        Node.builder("h;<host>", "host")
                                .latest("host_name", at, "h")
                                .latest("os", Instant.parse("2026-12-06T10:00:00.123456789Z"), "linux")
                                .build())
                .build();

        Node host = CompactReportCodec.decode(CompactReportCodec.encode(r))
                .topology(TopologyType.HOST)
                .nodes()
                .get("h;<host>");

        assertThat(host.latest().get("os").timestamp()).isEqualTo(at);
        assertThat(host.latest().get("os").timestamp())
                .isSameAs(host.latest().get("host_name").timestamp());
    }

    @Test
    void anotherThreadDecodesTheSameReport() throws Exception {
        byte[] compact = CompactReportCodec.encode(Fixtures.decode("report-004.msgpack.gz"));
        Report here = CompactReportCodec.decode(compact);

        Report there = CompletableFuture.supplyAsync(() -> {
                    try {
                        return CompactReportCodec.decode(compact);
                    } catch (ReportDecodeException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .get();

        assertThat(there).isEqualTo(here);
    }

    private static Node host(Report r) {
        return r.topology(TopologyType.HOST).nodes().get("vm;<host>");
    }
}
