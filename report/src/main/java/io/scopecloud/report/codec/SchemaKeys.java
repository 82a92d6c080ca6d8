package io.scopecloud.report.codec;

import io.scopecloud.report.TopologyType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The key names of Scope's report schema, looked up by their UTF-8 bytes. Most msgpack keys are schema keys
 * ("timestamp", "value", "date"...); returning these constant strings saves creating a string and hashing it for
 * the reader's {@code switch} at every one of them.
 */
final class SchemaKeys {
    private static final int SIZE = 512; // power of two, well over twice the number of keys
    private static final byte[][] BYTES = new byte[SIZE][];
    private static final String[] STRINGS = new String[SIZE];

    static {
        List<String> keys = new ArrayList<>(List.of(
                "TS",
                "DNS",
                "nodes",
                "Sampling",
                "Count",
                "Total",
                "Window",
                "Shortcut",
                "Plugins",
                "ID",
                "shape",
                "tag",
                "label",
                "label_plural",
                "controls",
                "metadata_templates",
                "metric_templates",
                "table_templates",
                "id",
                "topology",
                "latest",
                "sets",
                "adjacency",
                "metrics",
                "parents",
                "children",
                "latestControls",
                "counters",
                "timestamp",
                "value",
                "dead",
                "samples",
                "date",
                "min",
                "max",
                "first",
                "last",
                "human",
                "icon",
                "confirmation",
                "rank",
                "probeId",
                "truncate",
                "dataType",
                "priority",
                "from",
                "format",
                "group",
                "prefix",
                "type",
                "columns",
                "fixedRows",
                "forward",
                "reverse",
                "description",
                "interfaces",
                "api_version",
                "status",
                "host_node_id",
                "control_probe_id",
                "active_controls",
                "pid",
                "name",
                "cmdline",
                "ppid",
                "threads",
                "host"));
        for (TopologyType t : TopologyType.values()) {
            keys.add(t.reportKey());
            keys.add(t.topologyName());
        }
        for (String k : keys) {
            byte[] b = k.getBytes(StandardCharsets.UTF_8);
            int slot = slot(b, 0, b.length);
            while (BYTES[slot] != null && !k.equals(STRINGS[slot])) {
                slot = (slot + 1) & (SIZE - 1);
            }
            BYTES[slot] = b;
            STRINGS[slot] = k;
        }
    }

    private SchemaKeys() {}

    /** The constant for {@code b[off..off+len)} if it is a known key, else null. */
    static String find(byte[] b, int off, int len) {
        if (len == 0 || len > 24) {
            return null;
        }
        int slot = slot(b, off, len);
        while (true) {
            byte[] k = BYTES[slot];
            if (k == null) {
                return null;
            }
            if (k.length == len && ByteWords.equal(k, b, off, len)) {
                return STRINGS[slot];
            }
            slot = (slot + 1) & (SIZE - 1);
        }
    }

    private static int slot(byte[] b, int off, int len) {
        int h = len * 0x9E3779B9 ^ (b[off] * 31 + b[off + len - 1]) * 0x85EBCA6B ^ b[off + (len >> 1)] * 0xC2B2AE35;
        return (h ^ (h >>> 16)) & (SIZE - 1);
    }
}
