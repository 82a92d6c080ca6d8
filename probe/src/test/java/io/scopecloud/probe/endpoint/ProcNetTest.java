package io.scopecloud.probe.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcNetTest {
    private static final String TCP =
            """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 70815 1 00000000871e8ddb 100 0 0 10 0
               1: 0100007F:DC62 0100007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 70816 2 0000000020738079 20 0 0 10 -1
               2: 0100007F:8BA7 0100007F:D7BA 06 00000000:00000000 03:0000086E 00000000     0        0 0 3 00000000aea73736
               3: 0100007F:0050 0100007F:DC63 04 00000000:00000000 00:00000000 00000000     0        0 70830 1 0000000000000000 20 0 0 10 -1
               4: 0100007F:0050 0100007F:DC64 05 00000000:00000000 00:00000000 00000000     0        0 70831 1 0000000000000000 20 0 0 10 -1
               5: 0100007F:0050 0100007F:DC65 08 00000000:00000000 00:00000000 00000000     0        0 70832 1 0000000000000000 20 0 0 10 -1
               6: 0100007F:0050 0100007F:DC66 02 00000000:00000000 00:00000000 00000000     0        0 70833 1 0000000000000000 20 0 0 10 -1
               7: 0100007F:DC62 0100007F:0050 01 00000000:00000000 00:00000000 00000000     0        0 70816 2 0000000020738079 20 0 0 10 -1
            """;

    private static final String TCP6 =
            """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 70818 1 0000000040a3a97f 100 0 0 10 0
               1: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:C5E6 01 00000000:00000000 00:00000000 00000000     0        0 70822 1 000000007ab25f97 20 0 0 10 -1
            """;

    @Test
    void keepsConnectionsAndListenersOnly() {
        List<TcpSocket> sockets = ProcNet.parse(TCP);

        assertThat(sockets)
                .containsExactly(
                        new TcpSocket("0.0.0.0", 80, "0.0.0.0", 0, TcpSocket.LISTEN, 70815),
                        new TcpSocket("127.0.0.1", 56418, "127.0.0.1", 80, TcpSocket.ESTABLISHED, 70816),
                        new TcpSocket("127.0.0.1", 80, "127.0.0.1", 56419, TcpSocket.FIN_WAIT1, 70830),
                        new TcpSocket("127.0.0.1", 80, "127.0.0.1", 56420, TcpSocket.FIN_WAIT2, 70831),
                        new TcpSocket("127.0.0.1", 80, "127.0.0.1", 56421, TcpSocket.CLOSE_WAIT, 70832));
    }

    @Test
    void parsesTcp6WithMappedIpv4Addresses() {
        assertThat(ProcNet.parse(TCP6))
                .containsExactly(
                        new TcpSocket("::", 8080, "::", 0, TcpSocket.LISTEN, 70818),
                        new TcpSocket("127.0.0.1", 8080, "127.0.0.1", 50662, TcpSocket.ESTABLISHED, 70822));
    }

    @Test
    void parsesConcatenatedTablesAndToleratesBlankLines() {
        assertThat(ProcNet.parse(TCP + "\n\n" + TCP6)).hasSize(7);
        assertThat(ProcNet.parse("")).isEmpty();
    }
}
