package io.scopecloud.bench.probe;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * Where the bytes of a msgpack report go: for each topology, its node count and the encoded
 * bytes of its nodes (ids and bodies), measured as spans of the report's own bytes, so that
 * Scope's reports and ours are measured by the same rule whatever each encoder chose.
 */
record ReportAnatomy(int totalBytes, boolean shortcut, Map<String, Topology> topologies) {
    /** One topology's share: nodes and the bytes of its {@code nodes} map's entries. */
    record Topology(int nodes, long nodeBytes) {
        double bytesPerNode() {
            return nodes == 0 ? 0 : nodeBytes / (double) nodes;
        }
    }

    static ReportAnatomy of(byte[] msgpack) throws IOException {
        Map<String, Topology> topologies = new TreeMap<>();
        boolean shortcut = false;
        try (MessageUnpacker in = MessagePack.newDefaultUnpacker(msgpack)) {
            int keys = in.unpackMapHeader();
            for (int i = 0; i < keys; i++) {
                String key = in.unpackString();
                if (key.equals("Shortcut")) {
                    shortcut = in.getNextFormat().getValueType().isBooleanType() && in.unpackBoolean();
                } else if (in.getNextFormat().getValueType().isMapType()) {
                    Topology t = topology(in);
                    if (t != null) {
                        topologies.put(key, t);
                    }
                } else {
                    in.skipValue();
                }
            }
        }
        return new ReportAnatomy(msgpack.length, shortcut, topologies);
    }

    /** A map value: a topology if it has a {@code nodes} map, else skipped (null). */
    private static Topology topology(MessageUnpacker in) throws IOException {
        int keys = in.unpackMapHeader();
        Topology found = null;
        for (int i = 0; i < keys; i++) {
            if (!in.getNextFormat().getValueType().isStringType()) {
                in.skipValue();
                in.skipValue();
                continue;
            }
            String key = in.unpackString();
            if (key.equals("nodes") && in.getNextFormat().getValueType().isMapType()) {
                int nodes = in.unpackMapHeader();
                long bodies = in.getTotalReadBytes();
                for (int n = 0; n < nodes; n++) {
                    in.skipValue();
                    in.skipValue();
                }
                // the map header is shared; count only the entries
                found = new Topology(nodes, in.getTotalReadBytes() - bodies);
            } else {
                in.skipValue();
            }
        }
        return found;
    }

    int nodes(String topology) {
        Topology t = topologies.get(topology);
        return t == null ? 0 : t.nodes();
    }
}
