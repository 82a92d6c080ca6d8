package io.scopecloud.report.codec;

import io.scopecloud.report.Report;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes one probe's successive reports like {@link ReportEncoder}, byte for byte, but writes a
 * large topology that has not changed since the previous report from its earlier encoding (see
 * {@link EncodedTopologies}). Holds the last encodings, so one per publisher; not thread-safe.
 */
public final class SuccessiveReportEncoder {
    private final WireFormat format;
    private final EncodedTopologies reused;

    public SuccessiveReportEncoder(WireFormat format) {
        this.format = format;
        this.reused = new EncodedTopologies(buffer -> ReportEncoder.sink(format, buffer));
    }

    public void write(Report r, OutputStream out) throws IOException {
        ReportEncoder.write(r, format, out, reused);
    }
}
