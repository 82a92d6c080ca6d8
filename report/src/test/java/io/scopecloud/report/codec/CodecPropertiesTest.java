package io.scopecloud.report.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Generators;
import io.scopecloud.report.Report;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every generated report survives every codec unchanged. */
class CodecPropertiesTest {
    @Provide
    Arbitrary<Report> reports() {
        return Generators.reports();
    }

    @Property(tries = 200)
    void jsonRoundTrips(@ForAll("reports") Report r) throws Exception {
        byte[] body = ReportEncoder.encode(r, WireFormat.JSON, false);
        assertThat(ReportDecoder.decode(body, WireFormat.JSON, false, DecodeLimits.defaults()))
                .isEqualTo(r);
    }

    @Property(tries = 200)
    void msgpackRoundTrips(@ForAll("reports") Report r) throws Exception {
        byte[] body = ReportEncoder.encode(r, WireFormat.MSGPACK, true);
        assertThat(ReportDecoder.decode(body, WireFormat.MSGPACK, true, DecodeLimits.defaults()))
                .isEqualTo(r);
    }

    @Property(tries = 200)
    void compactRoundTrips(@ForAll("reports") Report r) throws Exception {
        assertThat(CompactReportCodec.decode(CompactReportCodec.encode(r))).isEqualTo(r);
    }
}
