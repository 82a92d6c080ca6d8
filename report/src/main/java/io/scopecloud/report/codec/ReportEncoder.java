package io.scopecloud.report.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.scopecloud.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import org.msgpack.core.MessagePack;

/**
 * Encodes reports as Scope does: JSON (Scope's key names, casing and nil rules) and msgpack (old spec, Go binary
 * times in str), readable by a real Scope app. The streams are flushed, not closed.
 */
public final class ReportEncoder {
    /** Go writes a supplementary character as one 4-byte UTF-8 sequence, never as two encoded surrogates. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    private static final MessagePack.PackerConfig OLD_SPEC =
            new MessagePack.PackerConfig().withStr8FormatSupport(false);

    private ReportEncoder() {}

    public static void writeJson(Report r, OutputStream out) throws IOException {
        write(r, WireFormat.JSON, out, null);
    }

    public static void writeMsgpack(Report r, OutputStream out) throws IOException {
        write(r, WireFormat.MSGPACK, out, null);
    }

    /** Writes {@code r}; its large topologies come from {@code reused} when it has them (null: none). */
    static void write(Report r, WireFormat format, OutputStream out, EncodedTopologies reused) throws IOException {
        TokenSink sink = sink(format, out);
        new ReportWriter(sink, reused).write(r); // flushes
    }

    /** A sink writing {@code format} to {@code out}, which it never closes. */
    static TokenSink sink(WireFormat format, OutputStream out) throws IOException {
        if (format == WireFormat.JSON) {
            JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            return new JsonSink(g);
        }
        return new MsgpackSink(OLD_SPEC.newPacker(out), out);
    }

    public static byte[] toJson(Report r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writeJson(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] toMsgpack(Report r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            writeMsgpack(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Encodes in {@code format}, gzipped when asked (as probes send: gzipped msgpack). */
    public static byte[] encode(Report r, WireFormat format, boolean gzipped) {
        byte[] plain = format == WireFormat.JSON ? toJson(r) : toMsgpack(r);
        return gzipped ? gzip(plain) : plain;
    }

    public static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, b.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
