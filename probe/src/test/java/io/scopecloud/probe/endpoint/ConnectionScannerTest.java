package io.scopecloud.probe.endpoint;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.process.ProcessInfo;
import io.scopecloud.probe.process.ProcessWalker;
import io.scopecloud.probe.testing.ProcTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionScannerTest {
    private static final long NETNS = 4026531833L;

    @TempDir
    Path temp;

    @Test
    void findsConnectionsTheirOwnersAndTheirDirection() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        List<ProcessInfo> processes = new ProcessWalker(proc, 4096, System::nanoTime).walk();

        List<Connection> connections = new ConnectionScanner(proc, true).scan(processes);

        assertThat(connections)
                .containsExactlyInAnyOrder(
                        // python3 (4242) -> nginx (812) over IPv4 loopback, seen from both ends
                        new Connection(NETNS, "127.0.0.1", 56418, 4242, "127.0.0.1", 80, 0),
                        new Connection(NETNS, "127.0.0.1", 56418, 0, "127.0.0.1", 80, 812),
                        // the same over IPv6 loopback
                        new Connection(NETNS, "::1", 46324, 4242, "::1", 8080, 0),
                        new Connection(NETNS, "::1", 46324, 0, "::1", 8080, 812),
                        // an IPv4 client of nginx's dual-stack listener
                        new Connection(NETNS, "127.0.0.1", 50663, 0, "127.0.0.1", 8080, 812),
                        // python3 to a remote HTTPS server
                        new Connection(NETNS, "10.0.2.2", 50662, 4242, "10.0.0.5", 443, 0));
    }

    @Test
    void readsFdLinksAgainOnlyForUnknownInodes() throws Exception {
        HostA host = new HostA();
        List<ProcessInfo> processes = host.walker.walk();

        // same inodes: owners come from the previous scan even if the fd links are gone
        Files.delete(host.proc.resolve("4242/fd/5"));
        assertThat(host.scanAfter(0, processes)).contains(https(4242));

        // a new connection forces a re-read, at most every FD_RESCAN_NANOS: until then known
        // owners stay and the new socket has none
        ProcTree.addHostAConnection(host.proc);
        assertThat(host.scanAfter(SocketOwners.FD_RESCAN_NANOS - 1, processes))
                .contains(https(4242))
                .contains(added(0));

        // then the re-read looks for the new socket's owner (there is none), cheapest process first;
        // it reads 4242, which no longer holds 70821
        assertThat(host.scanAfter(1, processes)).contains(https(0)).contains(added(0));
    }

    @Test
    void aSocketPassedToAnotherProcessFollowsItAtTheRefresh() throws Exception {
        HostA host = new HostA();

        // 4242 hands its HTTPS connection (70821) to nginx (812) and closes its own fd
        Files.delete(host.proc.resolve("4242/fd/5"));
        host.link("812/fd/40", "socket:[70821]");
        List<ProcessInfo> processes = host.walker.walk();
        assertThat(host.scanAfter(SocketOwners.OWNER_REFRESH_NANOS - 1, processes))
                .contains(https(4242));

        assertThat(host.scanAfter(1, processes)).contains(https(812));
    }

    @Test
    void aNewSocketIsFoundInAProcessReadBeforeFromItsNewLinksOnly() throws Exception {
        HostA host = new HostA();
        List<ProcessInfo> processes = host.walker.walk();

        // a new connection (80000) for 4242, which held sockets before, on a new fd (9); fd 5 now
        // names it too, while the socket fd 5 held (70821) is still open: fd 9 is read, fd 5's link
        // is trusted, not read again
        ProcTree.addHostAConnection(host.proc);
        host.link("4242/fd/9", "socket:[80000]");
        host.link("4242/fd/5", "socket:[80000]");
        assertThat(host.scanAfter(SocketOwners.FD_RESCAN_NANOS, processes))
                .contains(added(4242))
                .contains(https(4242));

        // the full refresh reads every link: no process holds 70821 any more
        assertThat(host.scanAfter(SocketOwners.FULL_REFRESH_NANOS, processes))
                .contains(added(4242))
                .contains(https(0));
    }

    @Test
    void theFullRefreshFindsWhatTheCountsDoNotShow() throws Exception {
        HostA host = new HostA();

        // 4242 swaps its HTTPS socket for a file: the same number of open files
        host.link("4242/fd/5", "/var/log/app.log");
        List<ProcessInfo> processes = host.walker.walk();
        assertThat(host.scanAfter(SocketOwners.OWNER_REFRESH_NANOS, processes)).contains(https(4242));

        assertThat(host.scanAfter(SocketOwners.FULL_REFRESH_NANOS, processes)).contains(https(0));
    }

    /** python3's connection to a remote HTTPS server (socket 70821), with the owner given. */
    private static Connection https(int pid) {
        return new Connection(NETNS, "10.0.2.2", 50662, pid, "10.0.0.5", 443, 0);
    }

    /** The connection {@link ProcTree#addHostAConnection} adds (socket 80000), with the owner given. */
    private static Connection added(int pid) {
        return new Connection(NETNS, "127.0.0.1", 56576, pid, "127.0.0.1", 80, 0);
    }

    /** host-a's tree with a scanner on a clock the test moves, after its first scan. */
    private final class HostA {
        final Path proc;
        final ProcessWalker walker;
        final AtomicLong nanos = new AtomicLong();
        final ConnectionScanner scanner;

        HostA() throws IOException {
            proc = ProcTree.copy("host-a", temp);
            walker = new ProcessWalker(proc, 4096, System::nanoTime);
            scanner = new ConnectionScanner(proc, true, null, nanos::get);
            scanner.scan(walker.walk());
        }

        List<Connection> scanAfter(long elapsedNanos, List<ProcessInfo> processes) {
            nanos.addAndGet(elapsedNanos);
            return scanner.scan(processes);
        }

        /** Points an fd at {@code target}, replacing what it pointed at. */
        void link(String fd, String target) throws IOException {
            Path link = proc.resolve(fd);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(target));
        }
    }

    @Test
    void listsSocketsAgainOnlyWhenTheCountersSayTheConnectionsChanged() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        Path snmp = proc.resolve("1/net/snmp");
        Files.writeString(snmp, snmp(100, 40, 6));
        List<ProcessInfo> processes = new ProcessWalker(proc, 4096, System::nanoTime).walk();
        AtomicLong nanos = new AtomicLong();
        ConnectionScanner scanner = new ConnectionScanner(proc, true, null, nanos::get);
        assertThat(scanner.scanIfChanged(processes)).hasSize(6);
        assertThat(scanner.scanIfChanged(processes)).isNull();

        // the connection to 10.0.0.5:443 closed: the established gauge fell
        Path tcp = proc.resolve("1/net/tcp");
        Files.writeString(tcp, Files.readString(tcp).lines().limit(5).collect(joining("\n", "", "\n")));
        Files.writeString(snmp, snmp(100, 40, 5));
        assertThat(scanner.scanIfChanged(processes)).hasSize(5).noneMatch(c -> c.toPort() == 443);
        assertThat(scanner.scanIfChanged(processes)).isNull();

        // one was accepted (and another closed meanwhile, the gauge is back at 5): listed again
        Files.writeString(snmp, snmp(100, 41, 5));
        assertThat(scanner.scanIfChanged(processes)).hasSize(5);
        assertThat(scanner.scanIfChanged(processes)).isNull();

        // at most MAX_SKIP_NANOS without a listing
        nanos.addAndGet(ConnectionScanner.MAX_SKIP_NANOS);
        assertThat(scanner.scanIfChanged(processes)).hasSize(5);
        assertThat(scanner.scanIfChanged(processes)).isNull();

        // a half-closed connection can go away without moving a counter: listed while there is one
        Files.writeString(tcp, Files.readString(tcp).replace(" 01 00000000:00000000", " 08 00000000:00000000"));
        Files.writeString(snmp, snmp(100, 41, 4));
        assertThat(scanner.scanIfChanged(processes)).hasSize(5);
        assertThat(scanner.scanIfChanged(processes)).hasSize(5);

        // unreadable counters: always listed
        Files.delete(snmp);
        assertThat(scanner.scanIfChanged(processes)).hasSize(5);
        assertThat(scanner.scanIfChanged(processes)).hasSize(5);
    }

    private static String snmp(long active, long passive, long established) {
        return "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens CurrEstab\n" + "Tcp: 1 200 120000 -1 "
                + active + " " + passive + " " + established + "\n";
    }

    @Test
    void withoutOwnersReadsOnlyTheHostTable() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        Files.createDirectories(proc.resolve("net"));
        Files.copy(proc.resolve("1/net/tcp"), proc.resolve("net/tcp"));

        List<Connection> connections = new ConnectionScanner(proc, false).scan(List.of());

        assertThat(connections).hasSize(3).allSatisfy(c -> {
            assertThat(c.fromPid()).isZero();
            assertThat(c.toPid()).isZero();
            assertThat(c.netNamespace()).isZero();
        });
    }

    @Test
    void fallsBackToScopesPortHeuristicWithoutListeners() {
        List<Connection> out = new java.util.ArrayList<>();
        ConnectionScanner.orient(
                7,
                List.of(
                        new TcpSocket("10.0.0.1", 40000, "10.0.0.2", 5432, TcpSocket.ESTABLISHED, 1),
                        new TcpSocket("10.0.0.1", 5432, "10.0.0.3", 40001, TcpSocket.ESTABLISHED, 2)),
                new int[] {11, 22},
                out);

        assertThat(out)
                .containsExactly(
                        new Connection(7, "10.0.0.1", 40000, 11, "10.0.0.2", 5432, 0),
                        new Connection(7, "10.0.0.3", 40001, 0, "10.0.0.1", 5432, 22));
    }

    @Test
    void parsesBracketedLinks() {
        assertThat(ConnectionScanner.bracketedNumber("socket:[70815]", "socket:["))
                .isEqualTo(70815L);
        assertThat(ConnectionScanner.bracketedNumber("net:[4026531833]", "net:["))
                .isEqualTo(4026531833L);
        assertThat(ConnectionScanner.bracketedNumber("pipe:[1]", "socket:[")).isNull();
        assertThat(ConnectionScanner.bracketedNumber("/dev/null", "socket:[")).isNull();
    }

    @Test
    void skipsATableWhenSockstatSaysTheFamilyHasNoSockets() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        Files.writeString(
                proc.resolve("1/net/sockstat"), "sockets: used 28\nTCP: inuse 2 orphan 0 tw 23 alloc 5 mem 36\n");
        Files.writeString(proc.resolve("1/net/sockstat6"), "TCP6: inuse 0\nUDP6: inuse 0\n");
        List<ProcessInfo> processes = new ProcessWalker(proc, 4096, System::nanoTime).walk();

        List<Connection> connections = new ConnectionScanner(proc, true).scan(processes);

        assertThat(connections).extracting(Connection::toPort).containsOnly(80, 443);
    }

    @Test
    void readsSockstatCounts() {
        String sockstat = "sockets: used 28\nTCP: inuse 2 orphan 0 tw 23 alloc 5 mem 36\nUDP: inuse 0 mem 0\n";
        assertThat(SockStat.inUse(sockstat, "TCP: inuse ")).isEqualTo(2);
        assertThat(SockStat.inUse("TCP6: inuse 0\nUDP6: inuse 0\n", "TCP6: inuse "))
                .isZero();
        assertThat(SockStat.inUse("garbage", "TCP: inuse ")).isEqualTo(-1);
    }
}
