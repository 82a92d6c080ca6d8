package io.scopecloud.report.codec;

import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The encoding of each large topology of the last report written, kept for the next: a probe on a
 * quiet host sends the same 10,000 endpoint nodes every 3 s, and encoding them again was the
 * largest part of its publish. A topology is reused while it equals the one encoded (the same
 * nodes map makes that check instant); small ones are always encoded, as comparing would cost
 * about as much. Written into a {@link SplicingGzipOutputStream}, a reused topology is not
 * compressed again either.
 */
final class EncodedTopologies {
    static final int MIN_NODES = 1000;

    /** Opens a sink of the report's format on a buffer. */
    @FunctionalInterface
    interface Sinks {
        TokenSink open(ByteArrayOutputStream buffer) throws IOException;
    }

    private final Sinks sinks;
    private final Topology[] topologies = new Topology[TopologyType.values().length];
    private final EncodedTopology[] encodings = new EncodedTopology[TopologyType.values().length];

    EncodedTopologies(Sinks sinks) {
        this.sinks = sinks;
    }

    /** The encoding of {@code topology}, reused or made now; null for a small topology. */
    EncodedTopology encoded(TopologyType type, Topology topology) throws IOException {
        int i = type.ordinal();
        if (topology.nodes().size() < MIN_NODES) {
            topologies[i] = null;
            encodings[i] = null;
            return null;
        }
        if (topology.equals(topologies[i])) {
            topologies[i] = topology; // an equal copy: the next check of this instance is instant
        } else {
            ByteArrayOutputStream buffer =
                    new ByteArrayOutputStream(encodings[i] == null ? 64 * 1024 : encodings[i].length() + 4096);
            TokenSink sink = sinks.open(buffer);
            new ReportWriter(sink).writeTopology(topology);
            sink.flush();
            topologies[i] = topology;
            encodings[i] = new EncodedTopology(buffer.toByteArray());
        }
        return encodings[i];
    }
}
