package io.scopecloud.probe.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SockDiagMessagesTest {
    private static final int SEQ = 7;

    @Test
    void asksForTcpSocketsOfOneFamilyInScopesStates() {
        ByteBuffer request =
                SockDiagMessages.request(SockDiagMessages.AF_INET6, SEQ).order(ByteOrder.nativeOrder());

        assertThat(request.remaining()).isEqualTo(72);
        assertThat(request.getInt(0)).isEqualTo(72); // nlmsg_len
        assertThat(request.getShort(4)).isEqualTo((short) 20); // SOCK_DIAG_BY_FAMILY
        assertThat(request.getShort(6)).isEqualTo((short) 0x301); // NLM_F_REQUEST | NLM_F_DUMP
        assertThat(request.getInt(8)).isEqualTo(SEQ);
        assertThat(request.get(16)).isEqualTo((byte) 10); // AF_INET6
        assertThat(request.get(17)).isEqualTo((byte) 6); // IPPROTO_TCP
        assertThat(request.getInt(20)).isEqualTo((1 << 1) | (1 << 4) | (1 << 5) | (1 << 8) | (1 << 10));
    }

    @Test
    void turnsRepliesIntoTheSocketsProcNetReads() {
        byte[] bytes = new byte[4096];
        ByteBuffer datagram = datagram(bytes);
        diagMessage(
                datagram,
                SEQ,
                2,
                TcpSocket.ESTABLISHED,
                new byte[] {127, 0, 0, 1},
                56418,
                new byte[] {127, 0, 0, 1},
                80,
                70816);
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 2, 15};
        byte[] any = new byte[16];
        diagMessage(datagram, SEQ, 10, TcpSocket.LISTEN, any, 8080, any, 0, 70818);
        diagMessage(datagram, SEQ, 10, TcpSocket.ESTABLISHED, mapped, 8080, mapped, 50662, 70822);
        diagMessage(datagram, SEQ, 10, TcpSocket.ESTABLISHED, mapped, 8080, mapped, 50662, 70822); // again
        diagMessage(datagram, SEQ - 1, 2, TcpSocket.ESTABLISHED, any, 1, any, 2, 1); // an older dump's
        header(datagram, 20, SockDiagMessages.NLMSG_DONE, SEQ);
        datagram.putInt(0);
        datagram.flip();
        List<TcpSocket> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();

        boolean done = new SockDiagMessages().parse(bytes, datagram.limit(), SEQ, seen, out);

        assertThat(done).isTrue();
        assertThat(out)
                .containsExactly(
                        new TcpSocket("127.0.0.1", 56418, "127.0.0.1", 80, TcpSocket.ESTABLISHED, 70816),
                        new TcpSocket("::", 8080, "::", 0, TcpSocket.LISTEN, 70818),
                        new TcpSocket("10.0.2.15", 8080, "10.0.2.15", 50662, TcpSocket.ESTABLISHED, 70822));
    }

    @Test
    void saysWhenTheDumpGoesOnAndFailsOnAnErrorReply() {
        byte[] moreBytes = new byte[4096];
        ByteBuffer more = datagram(moreBytes);
        diagMessage(more, SEQ, 2, TcpSocket.ESTABLISHED, new byte[4], 1, new byte[4], 2, 3);
        more.flip();
        assertThat(new SockDiagMessages().parse(moreBytes, more.limit(), SEQ, new HashSet<>(), new ArrayList<>()))
                .isFalse();

        byte[] errorBytes = new byte[4096];
        ByteBuffer error = datagram(errorBytes);
        header(error, 36, SockDiagMessages.NLMSG_ERROR, SEQ);
        error.putInt(-13).put(new byte[16]);
        error.flip();
        assertThatThrownBy(() -> new SockDiagMessages()
                        .parse(errorBytes, error.limit(), SEQ, new HashSet<>(), new ArrayList<>()))
                .hasMessageContaining("errno 13");
    }

    /** A buffer to write a datagram into; the parser reads {@code bytes}, the array behind it. */
    private static ByteBuffer datagram(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    }

    private static void header(ByteBuffer b, int length, int type, int seq) {
        b.putInt(length).putShort((short) type).putShort((short) 2).putInt(seq).putInt(0);
    }

    /** An inet_diag_msg as the kernel writes it: ports and addresses in network order. */
    private static void diagMessage(
            ByteBuffer b,
            int seq,
            int family,
            int state,
            byte[] local,
            int localPort,
            byte[] remote,
            int remotePort,
            long inode) {
        header(b, 16 + 72, SockDiagMessages.SOCK_DIAG_BY_FAMILY, seq);
        int start = b.position();
        b.put((byte) family).put((byte) state).put((byte) 0).put((byte) 0);
        b.put((byte) (localPort >> 8)).put((byte) localPort);
        b.put((byte) (remotePort >> 8)).put((byte) remotePort);
        b.put(local).put(new byte[16 - local.length]);
        b.put(remote).put(new byte[16 - remote.length]);
        b.position(start + 68);
        b.putInt((int) inode);
        b.position(start + 72);
    }
}
