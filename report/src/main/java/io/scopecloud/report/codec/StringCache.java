package io.scopecloud.report.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache of short strings, for one decode (JSON) or for one thread's decodes (compact). Reports repeat the same short strings endlessly
 * (latest keys, host IDs, "running"...): the compact decoder keeps one instance per distinct string, which saves
 * memory in the windows query keeps; the JSON decoder looks its map keys up here instead of building a string for
 * each (values it does not cache: ingest's reports are short-lived, and allocating is cheaper than looking up).
 * Not thread-safe. A hit compares the bytes, so a string is only ever shared with equal bytes.
 */
final class StringCache {
    static final int MAX_LENGTH = 32;
    private static final int SIZE = 1024;

    private final String[] strings = new String[SIZE];
    private final byte[][] bytes = new byte[SIZE][];

    /** The string of UTF-8 {@code b[off..off+len)}, {@code len <= MAX_LENGTH}. */
    String get(byte[] b, int off, int len) {
        int slot = slot(len, b[off], b[off + len - 1], b[off + (len >> 1)], b[off + (len >> 2)]);
        byte[] cached = bytes[slot];
        if (cached != null && cached.length == len && ByteWords.equal(cached, b, off, len)) {
            return strings[slot];
        }
        String s = new String(b, off, len, StandardCharsets.UTF_8);
        bytes[slot] = Arrays.copyOfRange(b, off, off + len);
        strings[slot] = s;
        return s;
    }

    /** Hashes four sampled characters and the length: O(1), which matters more here than a perfect spread. */
    private static int slot(int len, int first, int last, int middle, int quarter) {
        int h = len * 0x9E3779B9 + first;
        h = h * 31 + last;
        h = h * 31 + middle;
        h = h * 31 + quarter;
        h ^= h >>> 15;
        h *= 0x2c1b3c6d;
        h ^= h >>> 12;
        return h & (SIZE - 1);
    }
}
