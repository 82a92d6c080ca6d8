package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.ReportDecodeException;
import io.scopecloud.report.codec.StringPool;
import java.util.Objects;

/** One report's compact bytes: {@code length} bytes at {@code offset} of {@code array}, often a {@link CompactChunks} chunk shared with other reports. */
@SuppressWarnings("ArrayRecordComponent") // a view of a shared array: never compared or hashed
record CompactBytes(byte[] array, int offset, int length) {
    CompactBytes {
        requireNonNull(array, "array is null");
        Objects.checkFromIndexSize(offset, length, array.length);
    }

    /** The whole of {@code compact}, as it is. */
    static CompactBytes of(byte[] compact) {
        return new CompactBytes(compact, 0, compact.length);
    }

    Report decode(StringPool strings) {
        try {
            return CompactReportCodec.decode(array, offset, length, strings);
        } catch (ReportDecodeException e) {
            // It decoded when it arrived; the bytes are ours and never change.
            throw new IllegalStateException("stored report no longer decodes", e);
        }
    }
}
