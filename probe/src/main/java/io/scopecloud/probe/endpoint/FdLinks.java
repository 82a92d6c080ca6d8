package io.scopecloud.probe.endpoint;

import java.util.Arrays;

/**
 * One process's fd links as last read: which fd numbers held which socket. A later read of the
 * process trusts an fd that held a socket the host still has, without reading its link again:
 * the kernel gives a number out again only after it was closed, and a socket outlives its fd
 * only while another fd holds it (dup, fork, fd passing), which the periodic full read catches.
 * A server with 10,000 connections is then read for one new connection by listing its fd
 * directory and reading the few links that are new, instead of all 10,000.
 */
final class FdLinks {
    private final int[] fds; // ascending
    private final long[] inodes; // the socket each fd held; 0 for anything else
    private final boolean holdsSocket;

    /** Takes the arrays (the first {@code count} entries, in any fd order); the caller must not touch them again. */
    FdLinks(int[] fds, long[] inodes, int count) {
        int[] f = Arrays.copyOf(fds, count);
        long[] in = Arrays.copyOf(inodes, count);
        if (!ascending(f)) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(fds[a], fds[b]));
            for (int i = 0; i < count; i++) {
                f[i] = fds[order[i]];
                in[i] = inodes[order[i]];
            }
        }
        boolean socket = false;
        for (long inode : in) {
            socket |= inode != 0;
        }
        this.fds = f;
        this.inodes = in;
        this.holdsSocket = socket;
    }

    /** How many fds the process had open. */
    int count() {
        return fds.length;
    }

    boolean holdsSocket() {
        return holdsSocket;
    }

    /** The socket inode {@code fd} held, 0 when it held something else, -1 when it was not open. */
    long socketAt(int fd) {
        int i = Arrays.binarySearch(fds, fd);
        return i < 0 ? -1 : inodes[i];
    }

    private static boolean ascending(int[] fds) {
        for (int i = 1; i < fds.length; i++) {
            if (fds[i] <= fds[i - 1]) {
                return false;
            }
        }
        return true;
    }
}
