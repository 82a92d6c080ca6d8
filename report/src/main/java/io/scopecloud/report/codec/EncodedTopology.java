package io.scopecloud.report.codec;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One topology's encoding, kept by {@link EncodedTopologies} to be written again while the
 * topology is unchanged. Written into a {@link SplicingGzipOutputStream}, it is also compressed
 * once (at that stream's level, the first time) and spliced in compressed from then on.
 */
final class EncodedTopology {
    private final byte[] bytes;
    private byte[] compressed;

    EncodedTopology(byte[] bytes) {
        this.bytes = bytes;
    }

    int length() {
        return bytes.length;
    }

    /** Writes the encoding to {@code out}, in compressed form when {@code out} can splice it. */
    void writeTo(OutputStream out) throws IOException {
        if (out instanceof SplicingGzipOutputStream gzip) {
            if (compressed == null) {
                compressed = gzip.compressAlone(bytes);
            }
            gzip.splice(bytes, compressed);
        } else {
            out.write(bytes);
        }
    }
}
