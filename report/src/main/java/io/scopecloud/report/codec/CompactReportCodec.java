package io.scopecloud.report.codec;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * The compact binary form of a report for Kafka ({@code scope.reports}): ingest encodes, query decodes.
 *
 * <p>Layout: one format-version byte ({@link #FORMAT_VERSION}), then msgpack with positional arrays instead of keyed
 * structs and times as int64 epoch nanoseconds (nil for Go's zero time, {@code [seconds, nanos]} outside the int64
 * range). Round-trips exactly; decoding checks structure and throws {@link ReportDecodeException} on damage; sizes
 * are trusted (only our own ingest writes it) unless the caller passes {@link DecodeLimits}.
 */
public final class CompactReportCodec {
    public static final int FORMAT_VERSION = 1;

    /**
     * Every string through {@link String#getBytes}: msgpack-core's default sends strings of 512 characters and more
     * through a {@code CharsetEncoder}, the slowest part of encoding a real report (process command lines, labels).
     */
    private static final MessagePack.PackerConfig PACKER =
            new MessagePack.PackerConfig().withSmallStringOptimizationThreshold(Integer.MAX_VALUE);

    private CompactReportCodec() {}

    public static byte[] encode(Report r) {
        try (MessageBufferPacker packer = PACKER.newBufferPacker()) {
            packer.writePayload(new byte[] {FORMAT_VERSION});
            new CompactWriter(packer).write(r);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a record our own ingest wrote: trusted, so without limits ({@link DecodeLimits#unlimited()}). */
    public static Report decode(byte[] bytes) throws ReportDecodeException {
        return decode(bytes, DecodeLimits.unlimited());
    }

    /**
     * Decodes with limits on entries ({@link DecodeLimits#maxEntries()}, checked against each map and array size
     * before it is read), nodes and string length; the byte and depth limits do not apply to this form.
     */
    public static Report decode(byte[] bytes, DecodeLimits limits) throws ReportDecodeException {
        return decode(bytes, limits, null);
    }

    /**
     * Decodes a record our own ingest wrote, its strings through {@code strings}: decoding the same source's reports
     * again gives the instances the pool kept ({@link StringPool}).
     */
    public static Report decode(byte[] bytes, StringPool strings) throws ReportDecodeException {
        return decode(bytes, 0, bytes.length, strings);
    }

    /** As {@link #decode(byte[], StringPool)}, of the record at {@code bytes[offset, offset + length)}. */
    public static Report decode(byte[] bytes, int offset, int length, StringPool strings) throws ReportDecodeException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return decode(bytes, offset, length, DecodeLimits.unlimited(), requireNonNull(strings, "strings is null"));
    }

    private static Report decode(byte[] bytes, DecodeLimits limits, StringPool strings) throws ReportDecodeException {
        return decode(bytes, 0, bytes.length, limits, strings);
    }

    private static Report decode(byte[] bytes, int offset, int length, DecodeLimits limits, StringPool strings)
            throws ReportDecodeException {
        if (length == 0) {
            throw new ReportDecodeException(Problem.TRUNCATED, "empty compact report");
        }
        if (bytes[offset] != FORMAT_VERSION) {
            throw new ReportDecodeException(
                    Problem.MALFORMED, "unknown compact report format version " + (bytes[offset] & 0xff));
        }
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes, offset + 1, length - 1)) {
            return new CompactReader(unpacker, limits, strings).read();
        } catch (MessageInsufficientBufferException e) {
            throw new ReportDecodeException(Problem.TRUNCATED, "compact report ends early", e);
        } catch (MessagePackException | IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw new ReportDecodeException(Problem.MALFORMED, "damaged compact report: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ReportDecodeException(Problem.MALFORMED, "cannot read compact report: " + e.getMessage(), e);
        }
    }
}
