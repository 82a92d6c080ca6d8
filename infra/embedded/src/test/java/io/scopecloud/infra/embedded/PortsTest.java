package io.scopecloud.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void keepsTheRequestedPortWhenFree() {
        assertThat(Ports.choose(5432, port -> true, () -> 40000)).isEqualTo(5432);
    }

    @Test
    void picksAnotherPortWhenTheRequestedOneIsTaken() {
        assertThat(Ports.choose(5432, port -> false, () -> 40000)).isEqualTo(40000);
    }

    @Test
    void picksAnyFreePortForZero() {
        assertThat(Ports.choose(0, port -> true, () -> 40000)).isEqualTo(40000);
    }

    @Test
    void rejectsPortsOutOfRange() {
        assertThatThrownBy(() -> Ports.choose(65536, port -> true, () -> 40000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ports.choose(-1, port -> true, () -> 40000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void seesABoundPortAsTaken() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(Ports.isFree(socket.getLocalPort())).isFalse();
            assertThat(Ports.choose("test", socket.getLocalPort())).isNotEqualTo(socket.getLocalPort());
        }
    }

    @Test
    void findsAFreePort() {
        int port = Ports.anyFree();
        assertThat(port).isBetween(1, 65535);
        assertThat(Ports.isFree(port)).isTrue();
    }
}
