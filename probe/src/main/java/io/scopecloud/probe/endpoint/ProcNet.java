package io.scopecloud.probe.endpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code /proc/<pid>/net/tcp} and {@code tcp6}: both have the same columns, only the address
 * width differs. Keeps connections (established or half-closed) and listeners; drops everything
 * else, and drops repeated inodes as Scope's procspy does.
 */
public final class ProcNet {
    private ProcNet() {}

    /** Parses one or more concatenated tcp/tcp6 files. */
    public static List<TcpSocket> parse(String text) {
        List<TcpSocket> sockets = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            TcpSocket socket = parseLine(text, start, end);
            if (socket != null && (socket.inode() == 0 || seen.add(socket.inode()))) {
                sockets.add(socket);
            }
            start = end + 1;
        }
        return sockets;
    }

    /** Parses one line, or returns null for the header, blank lines and uninteresting states. */
    static TcpSocket parseLine(String text, int start, int end) {
        int[] field = new int[2];
        // sl
        if (!nextField(text, start, end, field) || text.startsWith("sl", field[0])) {
            return null;
        }
        if (!nextField(text, field[1], end, field)) {
            return null;
        }
        int localStart = field[0];
        int localEnd = field[1];
        if (!nextField(text, localEnd, end, field)) {
            return null;
        }
        int remoteStart = field[0];
        int remoteEnd = field[1];
        if (!nextField(text, remoteEnd, end, field)) {
            return null;
        }
        int state = (int) parseHex(text, field[0], field[1]);
        if (!isInteresting(state)) {
            return null;
        }
        int at = field[1];
        for (int skip = 0; skip < 6; skip++) { // tx_queue:rx_queue tr:when retrnsmt uid timeout inode
            if (!nextField(text, at, end, field)) {
                return null;
            }
            at = field[1];
        }
        long inode = parseDecimal(text, field[0], field[1]);
        int localColon = text.indexOf(':', localStart);
        int remoteColon = text.indexOf(':', remoteStart);
        return new TcpSocket(
                IpAddresses.format(IpAddresses.decodeProcHex(text, localStart, localColon)),
                (int) parseHex(text, localColon + 1, localEnd),
                IpAddresses.format(IpAddresses.decodeProcHex(text, remoteStart, remoteColon)),
                (int) parseHex(text, remoteColon + 1, remoteEnd),
                state,
                inode);
    }

    private static boolean isInteresting(int state) {
        return state == TcpSocket.ESTABLISHED
                || state == TcpSocket.FIN_WAIT1
                || state == TcpSocket.FIN_WAIT2
                || state == TcpSocket.CLOSE_WAIT
                || state == TcpSocket.LISTEN;
    }

    /** Finds the next space-separated field at or after {@code from}; writes [start, end) into out. */
    private static boolean nextField(String text, int from, int end, int[] out) {
        int i = from;
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        if (i >= end) {
            return false;
        }
        int j = i;
        while (j < end && text.charAt(j) != ' ') {
            j++;
        }
        out[0] = i;
        out[1] = j;
        return true;
    }

    private static long parseHex(String text, int start, int end) {
        long value = 0;
        for (int i = start; i < end; i++) {
            value = value * 16 + Character.digit(text.charAt(i), 16);
        }
        return value;
    }

    private static long parseDecimal(String text, int start, int end) {
        long value = 0;
        for (int i = start; i < end; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
