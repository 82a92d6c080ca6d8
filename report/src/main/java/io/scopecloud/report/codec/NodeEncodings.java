package io.scopecloud.report.codec;

import io.scopecloud.report.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.IdentityHashMap;

/**
 * The encoding of each node of one topology's last encoding, by node instance: a node handed over
 * again (the same instance, so the same content) is written from its bytes. Nodes not in the last
 * encoding are forgotten. Only for sinks that can write raw values (msgpack).
 */
final class NodeEncodings {
    private final EncodedTopologies.Sinks sinks;
    private IdentityHashMap<Node, byte[]> previous = new IdentityHashMap<>();
    private IdentityHashMap<Node, byte[]> current = new IdentityHashMap<>();

    NodeEncodings(EncodedTopologies.Sinks sinks) {
        this.sinks = sinks;
    }

    /** The bytes of {@code node}: kept from the last encoding, or encoded now. */
    byte[] bytes(Node node) throws IOException {
        byte[] bytes = previous.get(node);
        if (bytes == null) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
            TokenSink sink = sinks.open(buffer);
            new ReportWriter(sink).writeNode(node);
            sink.flush();
            bytes = buffer.toByteArray();
        }
        current.put(node, bytes);
        return bytes;
    }

    /** Ends one encoding of the topology: what it did not write is dropped. */
    void endTopology() {
        previous = current;
        current = new IdentityHashMap<>(Math.max(16, previous.size()));
    }
}
