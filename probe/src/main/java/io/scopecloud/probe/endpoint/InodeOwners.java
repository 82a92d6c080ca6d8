package io.scopecloud.probe.endpoint;

/**
 * Socket inode to owning pid, without boxing: an open-addressing table of {@code long} keys and
 * {@code int} values. The scanner looks up and re-inserts every connection's inode on every spy
 * tick (10,000 on the benchmark's host), and as a {@code HashMap<Long, Integer>} that was a
 * {@code Long} allocated per lookup and per insert plus an entry object per mapping.
 *
 * <p>Pids are positive, so 0 stands for "no owner". Not thread-safe (the spy loop's only).
 */
final class InodeOwners {
    private long[] keys;
    private int[] values; // 0: empty slot (a real value is a pid, never 0)
    private int size;
    private int zeroKeyPid; // the owner of inode 0, which the key array cannot mark

    /** @param expected how many mappings it will hold without growing */
    InodeOwners(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        values = new int[capacity];
    }

    int size() {
        return size + (zeroKeyPid != 0 ? 1 : 0);
    }

    /** The owner of {@code inode}, or 0 when none is known. */
    int get(long inode) {
        if (inode == 0) {
            return zeroKeyPid;
        }
        int mask = keys.length - 1;
        for (int i = slot(inode, mask); ; i = (i + 1) & mask) {
            int value = values[i];
            if (value == 0) {
                return 0;
            }
            if (keys[i] == inode) {
                return value;
            }
        }
    }

    /** Maps {@code inode} to {@code pid} (positive), replacing an earlier owner. */
    void put(long inode, int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        if (inode == 0) {
            zeroKeyPid = pid;
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(inode, mask); ; i = (i + 1) & mask) {
            if (values[i] == 0) {
                keys[i] = inode;
                values[i] = pid;
                size++;
                return;
            }
            if (keys[i] == inode) {
                values[i] = pid;
                return;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    /** Inodes are sequential, so spread the bits before masking. */
    private static int slot(long inode, int mask) {
        long h = inode * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
