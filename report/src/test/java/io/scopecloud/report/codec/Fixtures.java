package io.scopecloud.report.codec;

import io.scopecloud.report.Report;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Loads the real Scope 1.13 fixtures copied under {@code src/test/resources/fixtures}. */
final class Fixtures {
    static final List<String> JSON = List.of(
            "report-004.json",
            "report-006.json",
            "app_api_report.json",
            "plugin_api_report.json",
            "iowait_report.json",
            "iowait_report_after_switchToIOWait.json");
    static final List<String> MSGPACK_GZ =
            List.of("report-004.msgpack.gz", "report-006.msgpack.gz", "report-008.msgpack.gz");

    private Fixtures() {}

    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Report decode(String name) throws ReportDecodeException {
        boolean msgpack = name.contains(".msgpack");
        return ReportDecoder.decode(
                bytes(name),
                msgpack ? WireFormat.MSGPACK : WireFormat.JSON,
                name.endsWith(".gz"),
                DecodeLimits.defaults());
    }
}
