package io.scopecloud.report.codec;

import io.scopecloud.report.Topology;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One topology's encoding, kept by {@link EncodedTopologies} to be written again while the
 * topology is unchanged. Written into a {@link SplicingGzipOutputStream}, it is also compressed
 * once (at that stream's level, the first time) and spliced in compressed from then on.
 */
final class EncodedTopology {
    private Topology topology;
    private final byte[] bytes;
    private byte[] compressed;

    EncodedTopology(Topology topology, byte[] bytes) {
        this.topology = topology;
        this.bytes = bytes;
    }

    /**
     * Whether this encodes {@code other}. An equal copy is kept instead of the instance encoded, so
     * that checking it again at the next report is an identity test, not a walk of its nodes.
     */
    boolean encodes(Topology other) {
        if (!other.equals(topology)) {
            return false;
        }
        topology = other;
        return true;
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
