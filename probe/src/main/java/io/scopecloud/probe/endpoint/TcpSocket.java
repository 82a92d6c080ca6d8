package io.scopecloud.probe.endpoint;

import static java.util.Objects.requireNonNull;

/**
 * One line of {@code /proc/net/tcp} or {@code tcp6}, addresses already in Go's text form.
 *
 * @param state the kernel's TCP state number (include/net/tcp_states.h)
 */
public record TcpSocket(
        String localAddress, int localPort, String remoteAddress, int remotePort, int state, long inode) {

    public static final int ESTABLISHED = 0x01;
    public static final int FIN_WAIT1 = 0x04;
    public static final int FIN_WAIT2 = 0x05;
    public static final int CLOSE_WAIT = 0x08;
    public static final int LISTEN = 0x0A;

    public TcpSocket {
        requireNonNull(localAddress, "localAddress is null");
        requireNonNull(remoteAddress, "remoteAddress is null");
    }

    /** Scope reports established and half-closed connections only, not listeners or TIME_WAIT. */
    public boolean isConnection() {
        return state == ESTABLISHED || state == FIN_WAIT1 || state == FIN_WAIT2 || state == CLOSE_WAIT;
    }

    public boolean isListening() {
        return state == LISTEN;
    }
}
