package io.scopecloud.report.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings of one source's reports, kept from one round of decodes to the next, so that decoding the same reports
 * again gives the same {@code String} instances instead of new copies. Query decodes each probe's window again every
 * time a report leaves it (every 3 s): with one pool per probe, the strings of the rebuilt merge are the ones the last
 * merge held (long since promoted to the old generation), where new copies were young objects that every young
 * collection had to copy while the merge lived.
 *
 * <p>A string is kept while it is used: {@link #nextRound} starts a round, and a string not decoded during the last
 * full round is let go, so a pool holds about one window's distinct strings however long its probe runs. ASCII
 * strings of any length are pooled, compared in place with the bytes (a hit allocates nothing); others are decoded
 * each time, as they are rare in reports. Not thread-safe: one decode at a time.
 */
public final class StringPool {
    private static final int INITIAL_CAPACITY = 64;

    private Table current = new Table(INITIAL_CAPACITY);
    private Table previous = new Table(INITIAL_CAPACITY);

    /** Starts a round: the strings not decoded since the last call are let go. */
    public void nextRound() {
        Table older = previous;
        previous = current;
        older.clear();
        current = older;
    }

    /** How many distinct strings this round has decoded so far. */
    public int size() {
        return current.size;
    }

    /** The string of UTF-8 {@code b[off..off+len)}: the pooled instance when one matches. */
    String get(byte[] b, int off, int len) {
        int hash = 0;
        int high = 0;
        for (int i = off; i < off + len; i++) {
            hash = 31 * hash + b[i];
            high |= b[i];
        }
        if (high < 0) {
            return new String(b, off, len, StandardCharsets.UTF_8);
        }
        String s = current.find(hash, b, off, len);
        if (s != null) {
            return s;
        }
        s = previous.find(hash, b, off, len);
        if (s == null) {
            s = new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        current.add(hash, s);
        return s;
    }

    /** Open addressing, linear probing; an ASCII string's hash is its {@code hashCode()}. */
    private static final class Table {
        private String[] strings;
        private int[] hashes;
        private int size;

        Table(int capacity) {
            strings = new String[capacity];
            hashes = new int[capacity];
        }

        String find(int hash, byte[] b, int off, int len) {
            int mask = strings.length - 1;
            for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
                String s = strings[i];
                if (s == null) {
                    return null;
                }
                if (hashes[i] == hash && sameAscii(s, b, off, len)) {
                    return s;
                }
            }
        }

        /** Adds a string not in the table, growing it when half full. */
        void add(int hash, String s) {
            if (2 * (size + 1) > strings.length) {
                grow();
            }
            int mask = strings.length - 1;
            int i = spread(hash) & mask;
            while (strings[i] != null) {
                i = (i + 1) & mask;
            }
            strings[i] = s;
            hashes[i] = hash;
            size++;
        }

        private void grow() {
            String[] oldStrings = strings;
            int[] oldHashes = hashes;
            strings = new String[oldStrings.length * 2];
            hashes = new int[oldStrings.length * 2];
            size = 0;
            for (int i = 0; i < oldStrings.length; i++) {
                if (oldStrings[i] != null) {
                    add(oldHashes[i], oldStrings[i]);
                }
            }
        }

        void clear() {
            if (size > 0) {
                Arrays.fill(strings, null);
                size = 0;
            }
        }

        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }

        private static boolean sameAscii(String s, byte[] b, int off, int len) {
            if (s.length() != len) {
                return false;
            }
            for (int i = 0; i < len; i++) {
                if (s.charAt(i) != b[off + i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
