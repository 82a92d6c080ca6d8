package io.scopecloud.probe.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TcpCountersTest {
    private static final String SNMP =
            """
            Ip: Forwarding DefaultTTL
            Ip: 1 64
            Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab
            Tcp: 1 200 120000 -1 2041 1877 12 30 10008
            Udp: InDatagrams NoPorts
            Udp: 5 0
            """;

    @Test
    void addsOpenedAndAcceptedConnectionsAndKeepsTheEstablishedGauge() {
        assertThat(TcpCounters.parse(SNMP)).isEqualTo(new TcpCounters(2041 + 1877, 10008));
    }

    @Test
    void readsTheFirstLineToo() {
        assertThat(TcpCounters.parse(SNMP.substring(SNMP.indexOf("Tcp:")))).isEqualTo(new TcpCounters(3918, 10008));
    }

    @Test
    void refusesTextWithoutTheCounters() {
        assertThat(TcpCounters.parse("")).isNull();
        assertThat(TcpCounters.parse("Tcp: RtoAlgorithm ActiveOpens PassiveOpens\nTcp: 1 2 3\n"))
                .isNull();
        assertThat(TcpCounters.parse("Tcp: ActiveOpens PassiveOpens CurrEstab\nTcp: 4 x 1\n"))
                .isNull();
    }

    @Test
    void readsThisMachinesCounters() throws Exception {
        TcpCounters counters = TcpCounters.parse(Files.readString(Path.of("/proc/net/snmp")));
        assertThat(counters).isNotNull();
        assertThat(counters.opens()).isNotNegative();
    }
}
