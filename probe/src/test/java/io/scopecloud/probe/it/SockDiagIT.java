package io.scopecloud.probe.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.endpoint.ProcNet;
import io.scopecloud.probe.endpoint.SockDiag;
import io.scopecloud.probe.endpoint.TcpSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * sock_diag against this machine's kernel: the sockets it dumps for this JVM's namespace must be
 * exactly those {@code /proc/self/net/tcp{,6}} lists, addresses, ports, states and inodes alike,
 * for IPv4 (Java's IPv4-mapped sockets) and IPv6 connections and their listeners.
 */
class SockDiagIT {
    private static final byte[] IPV4_LOOPBACK = {127, 0, 0, 1};
    private static final byte[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}; // ::1

    @Test
    void dumpsTheSameSocketsAsProcNetTcp() throws Exception {
        List<Socket> open = new ArrayList<>();
        try (ServerSocket v4 = new ServerSocket(0, 50, InetAddress.getByAddress(IPV4_LOOPBACK));
                ServerSocket v6 = new ServerSocket(0, 50, InetAddress.getByAddress(IPV6_LOOPBACK));
                SockDiag diag = SockDiag.open().orElseThrow()) {
            for (ServerSocket server : List.of(v4, v6)) {
                for (int i = 0; i < 3; i++) {
                    open.add(new Socket(server.getInetAddress(), server.getLocalPort()));
                    open.add(server.accept());
                }
            }
            Predicate<TcpSocket> ours = s -> isOurs(s, v4.getLocalPort()) || isOurs(s, v6.getLocalPort());

            List<TcpSocket> fromNetlink = diag.read().stream().filter(ours).toList();
            List<TcpSocket> fromProc = procNetTcp().stream().filter(ours).toList();

            assertThat(fromNetlink).hasSize(2 + 12); // two listeners, both ends of six connections
            assertThat(fromNetlink).containsExactlyInAnyOrderElementsOf(fromProc);
            assertThat(fromNetlink).extracting(TcpSocket::localAddress).containsOnly("127.0.0.1", "::1");
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static boolean isOurs(TcpSocket socket, int port) {
        return socket.localPort() == port || socket.remotePort() == port;
    }

    private static List<TcpSocket> procNetTcp() throws Exception {
        String text = Files.readString(Path.of("/proc/self/net/tcp")) + "\n"
                + Files.readString(Path.of("/proc/self/net/tcp6"));
        return ProcNet.parse(text);
    }
}
