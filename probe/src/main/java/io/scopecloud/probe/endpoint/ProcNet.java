package io.scopecloud.probe.endpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code /proc/<pid>/net/tcp} and {@code tcp6}: both have the same columns, only the address
 * width differs. Keeps connections (established or half-closed) and listeners; drops everything
 * else, and drops repeated inodes as Scope's procspy does.
 *
 * <p>A host with 10,000 sockets has a few distinct addresses, so the parser reads the file's bytes
 * in place (no line strings) and keeps the formatted text of each address it has met: one
 * instance per scanner, so not thread-safe.
 */
public final class ProcNet {
    private static final int MAX_CACHED_ADDRESSES = 4096;

    private final Map<Long, String> ipv4 = new HashMap<>(); // v4 and v4-mapped v6, by address
    private final Map<String, String> ipv6 = new HashMap<>(); // others, by their kernel hex form

    /** Parses one or more concatenated tcp/tcp6 files. */
    public static List<TcpSocket> parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        List<TcpSocket> sockets = new ArrayList<>();
        new ProcNet().parse(bytes, bytes.length, new HashSet<>(), sockets);
        return sockets;
    }

    /**
     * Parses {@code length} bytes of a tcp or tcp6 file into {@code out}, skipping inodes already
     * in {@code seen} (which it extends).
     */
    public void parse(byte[] text, int length, Set<Long> seen, List<TcpSocket> out) {
        if (ipv4.size() + ipv6.size() > MAX_CACHED_ADDRESSES) {
            ipv4.clear();
            ipv6.clear();
        }
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && text[end] != '\n') {
                end++;
            }
            TcpSocket socket = parseLine(text, start, end);
            if (socket != null && (socket.inode() == 0 || seen.add(socket.inode()))) {
                out.add(socket);
            }
            start = end + 1;
        }
    }

    /** Parses one line, or returns null for the header, blank lines and uninteresting states. */
    private TcpSocket parseLine(byte[] text, int start, int end) {
        int at = skipSpaces(text, start, end);
        if (at >= end || text[at] == 's') { // the "sl local_address ..." header
            return null;
        }
        at = skipSpaces(text, skipField(text, at, end), end); // sl
        int localStart = at;
        int localEnd = skipField(text, at, end);
        int remoteStart = skipSpaces(text, localEnd, end);
        int remoteEnd = skipField(text, remoteStart, end);
        int stateStart = skipSpaces(text, remoteEnd, end);
        int stateEnd = skipField(text, stateStart, end);
        if (stateEnd == stateStart) {
            return null;
        }
        int state = (int) parseHex(text, stateStart, stateEnd);
        if (!isInteresting(state)) {
            return null;
        }
        at = stateEnd;
        int fieldStart = at;
        for (int skip = 0; skip < 6; skip++) { // tx_queue:rx_queue tr:when retrnsmt uid timeout inode
            fieldStart = skipSpaces(text, at, end);
            at = skipField(text, fieldStart, end);
            if (at == fieldStart) {
                return null;
            }
        }
        long inode = parseDecimal(text, fieldStart, at);
        int localColon = indexOf(text, ':', localStart, localEnd);
        int remoteColon = indexOf(text, ':', remoteStart, remoteEnd);
        if (localColon < 0 || remoteColon < 0) {
            return null;
        }
        return new TcpSocket(
                address(text, localStart, localColon),
                (int) parseHex(text, localColon + 1, localEnd),
                address(text, remoteStart, remoteColon),
                (int) parseHex(text, remoteColon + 1, remoteEnd),
                state,
                inode);
    }

    /**
     * The text of the address in {@code [start, end)}, 8 or 32 hex digits. IPv4 and IPv4-mapped
     * IPv6 addresses (Java's sockets) are looked up by their value, without allocating.
     */
    private String address(byte[] text, int start, int end) {
        int length = end - start;
        if (length == 8 || (length == 32 && isV4Mapped(text, start))) {
            long key = parseHex(text, end - 8, end) | (length == 8 ? 0 : 1L << 32);
            String known = ipv4.get(key);
            if (known == null) {
                known = format(text, start, end);
                ipv4.put(key, known);
            }
            return known;
        }
        String hex = new String(text, start, length, StandardCharsets.ISO_8859_1);
        return ipv6.computeIfAbsent(hex, h -> IpAddresses.format(IpAddresses.decodeProcHex(h, 0, h.length())));
    }

    private static String format(byte[] text, int start, int end) {
        String hex = new String(text, start, end - start, StandardCharsets.ISO_8859_1);
        return IpAddresses.format(IpAddresses.decodeProcHex(hex, 0, hex.length()));
    }

    /** The kernel's words of ::ffff:a.b.c.d: 00000000 00000000 FFFF0000 (host order), then a.b.c.d. */
    private static boolean isV4Mapped(byte[] text, int start) {
        for (int i = start; i < start + 16; i++) {
            if (text[i] != '0') {
                return false;
            }
        }
        return (text[start + 16] | 0x20) == 'f'
                && (text[start + 17] | 0x20) == 'f'
                && (text[start + 18] | 0x20) == 'f'
                && (text[start + 19] | 0x20) == 'f'
                && text[start + 20] == '0'
                && text[start + 21] == '0'
                && text[start + 22] == '0'
                && text[start + 23] == '0';
    }

    private static boolean isInteresting(int state) {
        return state == TcpSocket.ESTABLISHED
                || state == TcpSocket.FIN_WAIT1
                || state == TcpSocket.FIN_WAIT2
                || state == TcpSocket.CLOSE_WAIT
                || state == TcpSocket.LISTEN;
    }

    private static int skipSpaces(byte[] text, int from, int end) {
        int i = from;
        while (i < end && text[i] == ' ') {
            i++;
        }
        return i;
    }

    private static int skipField(byte[] text, int from, int end) {
        int i = from;
        while (i < end && text[i] != ' ') {
            i++;
        }
        return i;
    }

    private static int indexOf(byte[] text, char c, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static long parseHex(byte[] text, int start, int end) {
        long value = 0;
        for (int i = start; i < end; i++) {
            value = value * 16 + Character.digit(text[i], 16);
        }
        return value;
    }

    private static long parseDecimal(byte[] text, int start, int end) {
        long value = 0;
        for (int i = start; i < end; i++) {
            value = value * 10 + (text[i] - '0');
        }
        return value;
    }
}
