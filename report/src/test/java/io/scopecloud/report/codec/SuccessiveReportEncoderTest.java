package io.scopecloud.report.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SuccessiveReportEncoderTest {
    private static final Instant T0 = Instant.parse("2026-11-23T16:00:00.123456789Z");

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void writesWhatTheEncoderWritesWhetherATopologyIsReusedOrNot(WireFormat format) throws Exception {
        SuccessiveReportEncoder encoder = new SuccessiveReportEncoder(format);
        Topology endpoints = endpoints(EncodedTopologies.MIN_NODES, T0);
        Report first = sampleWith(endpoints, T0);
        Report same = sampleWith(endpoints, T0.plusSeconds(3)); // new TS, the same endpoints
        Report rebuiltEqual = sampleWith(endpoints(EncodedTopologies.MIN_NODES, T0), T0.plusSeconds(6));
        Report changed = sampleWith(endpoints(EncodedTopologies.MIN_NODES + 1, T0), T0.plusSeconds(9));
        Report small = sampleWith(endpoints(3, T0), T0.plusSeconds(12));

        for (Report r : new Report[] {first, same, rebuiltEqual, changed, small, first}) {
            assertThat(write(encoder, r)).isEqualTo(ReportEncoder.encode(r, format, false));
        }
        assertThat(ReportDecoder.decode(write(encoder, same), format, false, DecodeLimits.defaults()))
                .isEqualTo(same);
    }

    /** A real report (templates, metrics, controls) with the given endpoints. */
    private static Report sampleWith(Topology endpoints, Instant ts) throws ReportDecodeException {
        return Fixtures.decode(Fixtures.JSON.get(0))
                .withTopology(TopologyType.ENDPOINT, endpoints)
                .withTs(ts);
    }

    private static byte[] write(SuccessiveReportEncoder encoder, Report r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.write(r, out);
        return out.toByteArray();
    }

    private static Topology endpoints(int count, Instant seen) {
        Report.Builder b = Report.builder();
        for (int i = 0; i < count; i++) {
            b.node(
                    TopologyType.ENDPOINT,
                    Node.builder("vm-4026531833;127.0.0.1;" + (10000 + i), "endpoint")
                            .adjacent("vm-4026531833;127.0.0.1;80")
                            .latest("pid", seen, Integer.toString(100 + i % 7))
                            .latest("host_node_id", seen, "vm;<host>")
                            .build());
        }
        return b.build().topology(TopologyType.ENDPOINT);
    }
}
