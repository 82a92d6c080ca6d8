package io.scopecloud.probe.plugins;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.WireFormat;

/**
 * {@link ReportParser} on the report module's decoder, which also converts the legacy node keys
 * plugins still send ({@code latestControls}, {@code counters}). Limits match the 50 MiB cap on
 * plugin responses.
 */
public final class JsonReportParser implements ReportParser {
    private static final DecodeLimits LIMITS = DecodeLimits.defaults()
            .withMaxCompressedBytes(Plugin.MAX_RESPONSE_BYTES)
            .withMaxDecompressedBytes(Plugin.MAX_RESPONSE_BYTES);

    @Override
    public Report parse(byte[] json) throws Exception {
        return ReportDecoder.decode(json, WireFormat.JSON, false, LIMITS);
    }
}
