package io.scopecloud.report.codec;

import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

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
    private final Map<TopologyType, Topology> topologies = new EnumMap<>(TopologyType.class);
    private final Map<TopologyType, EncodedTopology> encodings = new EnumMap<>(TopologyType.class);

    EncodedTopologies(Sinks sinks) {
        this.sinks = sinks;
    }

    /** The encoding of {@code topology}, reused or made now; null for a small topology. */
    EncodedTopology encoded(TopologyType type, Topology topology) throws IOException {
        if (topology.nodes().size() < MIN_NODES) {
            topologies.remove(type);
            encodings.remove(type);
            return null;
        }
        if (topology.equals(topologies.get(type))) {
            topologies.put(type, topology); // an equal copy: the next check of this instance is instant
        } else {
            EncodedTopology previous = encodings.get(type);
            ByteArrayOutputStream buffer =
                    new ByteArrayOutputStream(previous == null ? 64 * 1024 : previous.length() + 4096);
            TokenSink sink = sinks.open(buffer);
            new ReportWriter(sink).writeTopology(topology);
            sink.flush();
            topologies.put(type, topology);
            encodings.put(type, new EncodedTopology(buffer.toByteArray()));
        }
        return encodings.get(type);
    }
}
