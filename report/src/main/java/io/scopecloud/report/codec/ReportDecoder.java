package io.scopecloud.report.codec;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Decodes a report body as a probe POSTs it: JSON or msgpack, gzipped or not, streaming and bounded by
 * {@link DecodeLimits}. Nothing builds a tree of the whole document; bytes are counted on both sides of the
 * gunzip; every violation is a {@link ReportDecodeException} whose {@link ReportDecodeException.Problem} says what
 * was wrong.
 */
public final class ReportDecoder {
    private ReportDecoder() {}

    /**
     * Decodes one report. Does not close {@code body}.
     *
     * @param gzipped whether the body is gzip-compressed ({@code Content-Encoding: gzip})
     */
    public static Report decode(InputStream body, WireFormat format, boolean gzipped, DecodeLimits limits)
            throws ReportDecodeException {
        return decode(body, format, gzipped, limits, false);
    }

    /**
     * Decodes a body a probe POSTed: as {@link #decode(InputStream, WireFormat, boolean, DecodeLimits)}, but
     * {@code null} and an object with none of a report's keys ({@code {}}) are refused as {@code MALFORMED}.
     */
    public static Report decodePosted(InputStream body, WireFormat format, boolean gzipped, DecodeLimits limits)
            throws ReportDecodeException {
        return decode(body, format, gzipped, limits, true);
    }

    private static Report decode(
            InputStream body, WireFormat format, boolean gzipped, DecodeLimits limits, boolean requireReport)
            throws ReportDecodeException {
        LimitedInputStream wire =
                new LimitedInputStream(body, limits.maxCompressedBytes(), Problem.BODY_TOO_LARGE, "body");
        try {
            InputStream plain;
            if (gzipped) {
                plain = new LimitedInputStream(
                        openGzip(wire),
                        limits.maxDecompressedBytes(),
                        Problem.DECOMPRESSED_TOO_LARGE,
                        "decompressed body");
            } else {
                plain = new LimitedInputStream(
                        wire, limits.maxDecompressedBytes(), Problem.DECOMPRESSED_TOO_LARGE, "body");
            }
            return switch (format) {
                case JSON -> decodeJson(plain, limits, requireReport);
                case MSGPACK -> decodeMsgpack(plain, limits, requireReport);
                default -> throw new IllegalArgumentException("unknown format " + format);
            };
        } catch (LimitExceededException e) {
            throw new ReportDecodeException(e.problem(), e.getMessage());
        } catch (ZipException e) {
            throw new ReportDecodeException(Problem.MALFORMED, "bad gzip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new ReportDecodeException(Problem.TRUNCATED, "body ends early: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ReportDecodeException(Problem.MALFORMED, "cannot read body: " + e.getMessage(), e);
        }
    }

    /** Decodes a byte array (no gzip detection: say whether it is gzipped). */
    public static Report decode(byte[] body, WireFormat format, boolean gzipped, DecodeLimits limits)
            throws ReportDecodeException {
        if (gzipped) {
            return decode(new java.io.ByteArrayInputStream(body), format, true, limits);
        }
        // An uncompressed array needs no byte counting: parse it in place (the parsers' fastest path).
        if (body.length > limits.maxCompressedBytes()) {
            throw new ReportDecodeException(
                    Problem.BODY_TOO_LARGE, "body exceeds the limit of " + limits.maxCompressedBytes() + " bytes");
        }
        if (body.length > limits.maxDecompressedBytes()) {
            throw new ReportDecodeException(
                    Problem.DECOMPRESSED_TOO_LARGE,
                    "body exceeds the limit of " + limits.maxDecompressedBytes() + " bytes");
        }
        try {
            if (format == WireFormat.JSON) {
                return new ReportReader(new JsonBytesTokenSource(body, limits), limits).read();
            }
            return decodeMsgpack(MessagePack.newDefaultUnpacker(body), limits);
        } catch (IOException e) {
            throw new ReportDecodeException(Problem.MALFORMED, "cannot read body: " + e.getMessage(), e);
        }
    }

    private static InputStream openGzip(InputStream wire) throws IOException {
        return new GZIPInputStream(wire, 8192);
    }

    private static Report decodeJson(InputStream in, DecodeLimits limits, boolean requireReport)
            throws IOException, ReportDecodeException {
        return new ReportReader(new JsonBytesTokenSource(in, limits), limits).read(requireReport);
    }

    private static Report decodeMsgpack(InputStream in, DecodeLimits limits, boolean requireReport)
            throws IOException, ReportDecodeException {
        return decodeMsgpack(MessagePack.newDefaultUnpacker(in), limits, requireReport);
    }

    private static Report decodeMsgpack(MessageUnpacker messageUnpacker, DecodeLimits limits)
            throws IOException, ReportDecodeException {
        return decodeMsgpack(messageUnpacker, limits, false);
    }

    private static Report decodeMsgpack(MessageUnpacker messageUnpacker, DecodeLimits limits, boolean requireReport)
            throws IOException, ReportDecodeException {
        try (MessageUnpacker unpacker = messageUnpacker) {
            return new ReportReader(new MsgpackTokenSource(unpacker, limits), limits).read(requireReport);
        } catch (MessageInsufficientBufferException e) {
            throw new ReportDecodeException(Problem.TRUNCATED, "msgpack ends in the middle of a value", e);
        } catch (MessagePackException e) {
            throw new ReportDecodeException(
                    Problem.MALFORMED,
                    "bad msgpack: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        }
    }
}
