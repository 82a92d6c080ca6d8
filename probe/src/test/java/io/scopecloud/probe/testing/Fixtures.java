package io.scopecloud.probe.testing;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the real Weave Scope 1.13 captures kept under {@code src/test/resources/fixtures/scope-1.13}. */
public final class Fixtures {
    private Fixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/scope-1.13/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Report report(String name) {
        try {
            return ReportDecoder.decode(bytes(name), WireFormat.JSON, false, DecodeLimits.defaults());
        } catch (Exception e) {
            throw new IllegalStateException("cannot decode fixture " + name, e);
        }
    }
}
