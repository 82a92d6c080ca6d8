package io.scopecloud.report.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void gzipsToWhatTheEncoderWritesWithReusedTopologiesSplicedInCompressed(WireFormat format) throws Exception {
        SuccessiveReportEncoder encoder = new SuccessiveReportEncoder(format);
        Topology endpoints = endpoints(EncodedTopologies.MIN_NODES * 3, T0);
        Report first = sampleWith(endpoints, T0);
        Report same = sampleWith(endpoints, T0.plusSeconds(3));
        Report changed = sampleWith(endpoints(EncodedTopologies.MIN_NODES * 3 + 1, T0), T0.plusSeconds(6));
        Report small = sampleWith(endpoints(3, T0), T0.plusSeconds(9));

        byte[] firstGzipped = null;
        for (Report r : new Report[] {first, same, same, changed, small, first, first}) {
            byte[] gzipped = gzip(encoder, r);
            // java.util.zip reads one member to its trailer, checking the CRC and the length
            assertThat(gunzip(gzipped)).isEqualTo(ReportEncoder.encode(r, format, false));
            assertThat(ReportDecoder.decode(gzipped, format, true, DecodeLimits.defaults()))
                    .isEqualTo(r);
            if (r.equals(first) && firstGzipped == null) {
                firstGzipped = gzipped;
            }
        }
        // the spliced member compresses about as well as one written in a single pass at the same level
        assertThat(firstGzipped.length).isLessThan(fastestGzip(ReportEncoder.encode(first, format, false)) * 11 / 10);
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void writesWhatTheEncoderWritesWhenKeptNodesMeetChangedAddedAndRemovedOnes(WireFormat format) throws Exception {
        SuccessiveReportEncoder encoder = new SuccessiveReportEncoder(format);
        Topology endpoints = endpoints(EncodedTopologies.MIN_NODES + 10, T0);
        Map<String, Node> nodes = new HashMap<>(endpoints.nodes());
        String changedKey = nodes.keySet().iterator().next();
        nodes.put(changedKey, nodes.get(changedKey).withLatest("pid", T0.plusSeconds(3), "4242"));
        nodes.put("vm;10.0.0.9;443", Node.builder("vm;10.0.0.9;443", "endpoint").build());
        nodes.remove(nodes.keySet().stream()
                .filter(k -> !k.equals(changedKey))
                .findFirst()
                .orElseThrow());
        Report first = sampleWith(endpoints, T0);
        Report next = sampleWith(endpoints.withNodes(nodes), T0.plusSeconds(3)); // mostly the same node instances

        for (Report r : new Report[] {first, next, first, next}) {
            assertThat(write(encoder, r)).isEqualTo(ReportEncoder.encode(r, format, false));
            assertThat(gunzip(gzip(encoder, r))).isEqualTo(ReportEncoder.encode(r, format, false));
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void aSmallTopologyBetweenTwoLargeOnesLeavesTheKeptEncodingForTheNext(WireFormat format) throws Exception {
        EncodedTopologies kept =
                new EncodedTopologies(buffer -> ReportEncoder.sink(format, buffer), format == WireFormat.MSGPACK);
        Topology large = endpoints(EncodedTopologies.MIN_NODES, T0);
        EncodedTopology first = kept.encoded(TopologyType.ENDPOINT, large);

        // a shortcut or delta report: a few nodes of the same topology
        assertThat(kept.encoded(TopologyType.ENDPOINT, endpoints(3, T0))).isNull();

        assertThat(kept.encoded(TopologyType.ENDPOINT, large))
                .as("the next full report reuses the encoding")
                .isSameAs(first);
        SuccessiveReportEncoder encoder = new SuccessiveReportEncoder(format);
        for (Report r : new Report[] {
            sampleWith(large, T0), sampleWith(endpoints(3, T0), T0), sampleWith(large, T0.plusSeconds(3))
        }) {
            assertThat(gunzip(gzip(encoder, r))).isEqualTo(ReportEncoder.encode(r, format, false));
        }
    }

    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void leavesTheCallersStreamOpen(WireFormat format) throws Exception {
        SuccessiveReportEncoder encoder = new SuccessiveReportEncoder(format);
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("closed the caller's stream");
            }
        };
        encoder.writeGzipped(sampleWith(endpoints(3, T0), T0), out);
        assertThat(out.size()).isPositive();
    }

    private static byte[] gzip(SuccessiveReportEncoder encoder, Report r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encoder.writeGzipped(r, out);
        return out.toByteArray();
    }

    private static int fastestGzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(plain);
        }
        return out.size();
    }

    private static byte[] gunzip(byte[] gzipped) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            byte[] plain = in.readAllBytes();
            assertThat(in.available()).isZero(); // nothing after the member's trailer
            return plain;
        }
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
