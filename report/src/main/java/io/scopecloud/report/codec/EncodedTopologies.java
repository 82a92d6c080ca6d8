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
    private final boolean keepNodes;
    private final Map<TopologyType, EncodedTopology> encodings = new EnumMap<>(TopologyType.class);
    private final Map<TopologyType, NodeEncodings> nodeEncodings = new EnumMap<>(TopologyType.class);

    EncodedTopologies(Sinks sinks) {
        this(sinks, false);
    }

    /**
     * @param keepNodes also keep each node's encoding, by node instance, for the next encoding of
     *     its topology (msgpack only): a probe that hands over the same node instances while their
     *     objects are unchanged (the Kubernetes reporter) then encodes only the nodes that changed
     */
    EncodedTopologies(Sinks sinks, boolean keepNodes) {
        this.sinks = sinks;
        this.keepNodes = keepNodes;
    }

    /**
     * The encoding of {@code topology}, reused or made now; null for a small topology, which is
     * written as it is and leaves what is kept alone: a probe's shortcut and delta reports (a few
     * nodes) between its full ones must not make the next full report encode every node again.
     */
    EncodedTopology encoded(TopologyType type, Topology topology) throws IOException {
        if (topology.nodes().size() < MIN_NODES) {
            return null;
        }
        EncodedTopology previous = encodings.get(type);
        if (previous != null && previous.encodes(topology)) {
            return previous;
        }
        ByteArrayOutputStream buffer =
                new ByteArrayOutputStream(previous == null ? 64 * 1024 : previous.length() + 4096);
        TokenSink sink = sinks.open(buffer);
        if (keepNodes) {
            new ReportWriter(sink)
                    .writeTopology(topology, nodeEncodings.computeIfAbsent(type, t -> new NodeEncodings(sinks)));
        } else {
            new ReportWriter(sink).writeTopology(topology);
        }
        sink.flush();
        EncodedTopology encoded = new EncodedTopology(topology, buffer.toByteArray());
        encodings.put(type, encoded);
        return encoded;
    }
}
