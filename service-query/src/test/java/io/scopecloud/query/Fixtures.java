package io.scopecloud.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecodeException;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The real Scope data under {@code src/test/resources/fixtures/}. */
public final class Fixtures {
    public static final ObjectMapper JSON = Jackson.newObjectMapper();

    private Fixtures() {}

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String name) {
        try {
            return JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A report fixture as the app renders it: decoded, upgraded, without part-merged nodes. */
    public static Report report(String name) {
        try {
            return ReportDecoder.decode(bytes(name), WireFormat.JSON, false, DecodeLimits.defaults())
                    .upgrade()
                    .withoutPartMergedNodes();
        } catch (ReportDecodeException e) {
            throw new IllegalStateException(e);
        }
    }
}
