package io.scopecloud.probe.endpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The netlink messages of a {@code sock_diag} TCP dump (linux/inet_diag.h), built and parsed in
 * Java: the request for one address family, and the {@code inet_diag_msg} replies turned into the
 * same {@link TcpSocket}s that {@link ProcNet} reads from {@code /proc/net/tcp{,6}}. Netlink's
 * headers are in host byte order, addresses and ports in network order.
 *
 * <p>Keeps the text of each address it has met (a host has few); one instance per reader.
 */
final class SockDiagMessages {
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int SOCK_DIAG_BY_FAMILY = 20;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    private static final int IPPROTO_TCP = 6;
    private static final int NLM_F_REQUEST = 0x1;
    private static final int NLM_F_DUMP = 0x300;
    private static final int HEADER = 16; // nlmsghdr
    private static final int DIAG_MSG = 72; // inet_diag_msg
    private static final int REQUEST = HEADER + 56; // + inet_diag_req_v2
    /** The states Scope reports or needs for orientation, filtered by the kernel. */
    static final int STATES = 1 << TcpSocket.ESTABLISHED
            | 1 << TcpSocket.FIN_WAIT1
            | 1 << TcpSocket.FIN_WAIT2
            | 1 << TcpSocket.CLOSE_WAIT
            | 1 << TcpSocket.LISTEN;

    private static final int MAX_CACHED_ADDRESSES = 4096;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private final Map<Long, String> ipv4 = new HashMap<>(); // v4 and v4-mapped, by address
    // The last v4 lookup: consecutive sockets mostly share an address (loopback, the host's own),
    // and a hit skips boxing the key, 20,000 times per dump on a host with 10,000 sockets.
    private long lastKey = -1;
    private String lastAddress;
    private final Map<String, String> ipv6 = new HashMap<>();

    /** A dump request for the TCP sockets of one family in the given states. */
    static ByteBuffer request(int family, int sequence) {
        ByteBuffer b = ByteBuffer.allocateDirect(REQUEST).order(ByteOrder.nativeOrder());
        b.putInt(REQUEST)
                .putShort((short) SOCK_DIAG_BY_FAMILY)
                .putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
                .putInt(sequence)
                .putInt(0); // the kernel's port
        b.put((byte) family).put((byte) IPPROTO_TCP).put((byte) 0).put((byte) 0);
        b.putInt(STATES); // the rest (inet_diag_sockid: any socket) stays zero
        return b.clear();
    }

    /**
     * Parses the first {@code end} bytes of one datagram of replies (copied out of the native
     * buffer: reading a Java array is much cheaper than a direct buffer's checked accessors) into
     * {@code out}, skipping inodes already in {@code seen}
     * and messages of another request.
     *
     * @return true when the datagram ends the dump
     * @throws IllegalStateException for an error reply or a malformed message
     */
    boolean parse(byte[] b, int end, int sequence, Set<Long> seen, List<TcpSocket> out) {
        if (ipv4.size() + ipv6.size() > MAX_CACHED_ADDRESSES) {
            ipv4.clear();
            ipv6.clear();
        }
        int at = 0;
        while (end - at >= HEADER) {
            int length = hostInt(b, at);
            int type = hostShort(b, at + 4);
            int seq = hostInt(b, at + 8);
            if (length < HEADER || length > end - at) {
                throw new IllegalStateException("malformed netlink message of " + length + " bytes");
            }
            if (seq == sequence) {
                if (type == NLMSG_DONE) {
                    return true;
                }
                if (type == NLMSG_ERROR) {
                    int errno = length >= HEADER + 4 ? -hostInt(b, at + HEADER) : 0;
                    throw new IllegalStateException("sock_diag answered errno " + errno);
                }
                if (type == SOCK_DIAG_BY_FAMILY && length >= HEADER + DIAG_MSG) {
                    TcpSocket socket = socket(b, at + HEADER);
                    if (socket != null && seen.add(socket.inode())) {
                        out.add(socket);
                    }
                }
            }
            at += (length + 3) & ~3;
        }
        return false;
    }

    /** A 32-bit number in the host's byte order, as netlink's headers hold them. */
    private static int hostInt(byte[] b, int at) {
        int big = (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
        return LITTLE_ENDIAN ? Integer.reverseBytes(big) : big;
    }

    private static int hostShort(byte[] b, int at) {
        int big = (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
        return LITTLE_ENDIAN ? Integer.reverseBytes(big) >>> 16 : big;
    }

    private TcpSocket socket(byte[] b, int msg) {
        int family = b[msg] & 0xff;
        int state = b[msg + 1] & 0xff;
        if (family != AF_INET && family != AF_INET6) {
            return null;
        }
        int localPort = portAt(b, msg + 4);
        int remotePort = portAt(b, msg + 6);
        long inode = hostInt(b, msg + 68) & 0xffffffffL;
        return new TcpSocket(
                address(b, msg + 8, family), localPort, address(b, msg + 24, family), remotePort, state, inode);
    }

    private static int portAt(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    /** The text of the address at {@code at} (4 bytes for IPv4, 16 for IPv6, network order). */
    private String address(byte[] b, int at, int family) {
        if (family == AF_INET || isV4Mapped(b, at)) {
            int v4 = family == AF_INET ? at : at + 12;
            long key = (b[v4] & 0xffL) << 24
                    | (b[v4 + 1] & 0xffL) << 16
                    | (b[v4 + 2] & 0xffL) << 8
                    | (b[v4 + 3] & 0xffL)
                    | (family == AF_INET ? 0 : 1L << 32);
            if (key == lastKey) {
                return lastAddress;
            }
            String known = ipv4.get(key);
            if (known == null) {
                known = IpAddresses.format(bytes(b, at, family == AF_INET ? 4 : 16));
                ipv4.put(key, known);
            }
            lastKey = key;
            lastAddress = known;
            return known;
        }
        byte[] ip = bytes(b, at, 16);
        StringBuilder key = new StringBuilder(32);
        for (byte x : ip) {
            key.append((char) (x & 0xff));
        }
        return ipv6.computeIfAbsent(key.toString(), k -> IpAddresses.format(ip));
    }

    private static boolean isV4Mapped(byte[] b, int at) {
        for (int i = 0; i < 10; i++) {
            if (b[at + i] != 0) {
                return false;
            }
        }
        return b[at + 10] == (byte) 0xff && b[at + 11] == (byte) 0xff;
    }

    private static byte[] bytes(byte[] b, int at, int n) {
        return Arrays.copyOfRange(b, at, at + n);
    }
}
