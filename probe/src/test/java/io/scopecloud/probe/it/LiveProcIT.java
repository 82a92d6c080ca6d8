package io.scopecloud.probe.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scopecloud.probe.endpoint.Connection;
import io.scopecloud.probe.endpoint.ConnectionScanner;
import io.scopecloud.probe.endpoint.EndpointIds;
import io.scopecloud.probe.endpoint.EndpointReporter;
import io.scopecloud.probe.endpoint.SockDiag;
import io.scopecloud.probe.host.HostCollector;
import io.scopecloud.probe.host.HostSample;
import io.scopecloud.probe.host.InterfaceLocalNetworks;
import io.scopecloud.probe.process.PageSize;
import io.scopecloud.probe.process.ProcessCache;
import io.scopecloud.probe.process.ProcessReporter;
import io.scopecloud.probe.process.ProcessWalker;
import io.scopecloud.report.Node;
import io.scopecloud.report.TopologyType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The collectors against this machine's real /proc: a child process (python3) opens a TCP
 * connection to a server socket in this JVM, and the Endpoint topology must hold the edge between
 * the two processes' endpoints with Scope's IDs and both pids.
 */
class LiveProcIT {
    private static final Path PROC = Path.of("/proc");
    private static final String HOST = "it-host";

    @Test
    void findsALoopbackConnectionBetweenTwoLocalProcesses() throws Exception {
        assertFindsLoopbackEdge(false);
    }

    @Test
    void findsTheSameEdgeThroughSockDiag() throws Exception {
        assertFindsLoopbackEdge(true);
    }

    private void assertFindsLoopbackEdge(boolean sockDiag) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // From 127.0.0.2, a loopback address nothing else on a busy build machine uses: Linux lets
            // connections to different peers share an ephemeral port, and endpoint ids have no peer.
            Process client = connectFromChild("127.0.0.1", server.getLocalPort(), "127.0.0.2");
            try (Socket accepted = server.accept()) {
                awaitReady(client);
                long netns = netNamespace();
                String clientId = HOST + "-" + netns + ";127.0.0.2;" + accepted.getPort();
                String serverId = HOST + "-" + netns + ";127.0.0.1;" + server.getLocalPort();

                Map<String, Node> endpoints = scanEndpoints(sockDiag);

                assertThat(endpoints).containsKeys(clientId, serverId);
                assertThat(endpoints.get(clientId).adjacency()).contains(serverId);
                assertOwners(endpoints, clientId, client, serverId, sockDiag);
                assertThat(endpoints.get(serverId).latestValue("host_node_id")).contains(HOST + ";<host>");
                assertThat(endpoints.get(serverId).adjacency()).doesNotContain(clientId);
            } finally {
                client.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void findsAConnectionOverARoutableAddressWithUnscopedIds() throws Exception {
        Optional<String> address = routableAddress();
        assumeTrue(address.isPresent(), "no non-loopback IPv4 address on this machine");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(address.get()))) {
            Process client = connectFromChild(address.get(), server.getLocalPort(), address.get());
            try (Socket accepted = server.accept()) {
                awaitReady(client);
                // as another probe would see it too: no host scope for a routable address
                String clientId = ";" + address.get() + ";" + accepted.getPort();
                String serverId = ";" + address.get() + ";" + server.getLocalPort();

                Map<String, Node> endpoints = scanEndpoints(false);

                assertThat(endpoints.get(clientId).adjacency()).containsExactly(serverId);
                assertOwners(endpoints, clientId, client, serverId, false);
            } finally {
                client.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void reportsThisJvmAsAProcessAndTheHostsMetrics() throws Exception {
        ProcessCache cache = processCache();
        cache.tick();
        // CPU % needs two readings some clock ticks apart (the kernel counts in 10 ms jiffies).
        Thread.sleep(100);
        cache.tick();
        long self = ProcessHandle.current().pid();

        Node me = new ProcessReporter(HOST, cache, false)
                .report()
                .topology(TopologyType.PROCESS)
                .nodes()
                .get(HOST + ";" + self);

        assertThat(me).isNotNull();
        assertThat(me.latestValue("cmdline").orElseThrow()).contains("java");
        assertThat(Integer.parseInt(me.latestValue("threads").orElseThrow())).isGreaterThan(1);
        assertThat(me.metrics().get("process_memory_usage_bytes").lastValue().getAsDouble())
                .isGreaterThan(1 << 20);
        assertThat(me.metrics().get("open_files_count").lastValue().getAsDouble())
                .isGreaterThan(2);
        assertThat(me.metrics()).containsKey("process_cpu_usage_percent");

        HostCollector host = new HostCollector(PROC, new InterfaceLocalNetworks(), Clock.systemUTC());
        host.collect();
        Thread.sleep(50);
        HostSample sample = host.collect();
        assertThat(sample.kernelVersion())
                .startsWith(
                        Files.readString(PROC.resolve("sys/kernel/osrelease")).trim());
        assertThat(sample.uptimeSeconds()).isPositive();
        assertThat(sample.memoryTotalBytes())
                .isGreaterThan(sample.memoryUsedBytes())
                .isPositive();
        assertThat(sample.localNetworks()).contains("127.0.0.1/8");
        if (!Double.isNaN(sample.cpuUsagePercent())) {
            assertThat(sample.cpuUsagePercent()).isBetween(0.0, 100.0);
        }
    }

    private static Map<String, Node> scanEndpoints(boolean sockDiag) throws Exception {
        ProcessCache cache = processCache();
        cache.tick();
        EndpointReporter reporter = new EndpointReporter(
                new EndpointIds(HOST, List.of()),
                HOST + ";<host>",
                new ConnectionScanner(PROC, true, sockDiag ? SockDiag.open().orElseThrow() : null, System::nanoTime),
                cache,
                Clock.systemUTC());
        return reporter.report().topology(TopologyType.ENDPOINT).nodes();
    }

    /** The client's end belongs to the child process and the server's to this JVM. */
    private static void assertOwners(
            Map<String, Node> endpoints, String clientId, Process client, String serverId, boolean sockDiag)
            throws Exception {
        int clientPort = Integer.parseInt(clientId.substring(clientId.lastIndexOf(';') + 1));
        assertThat(endpoints.get(clientId).latestValue("pid"))
                .as(
                        "the pid of %s (this JVM is %s); connections on that port now: %s",
                        clientId, ProcessHandle.current().pid(), connectionsOnPort(sockDiag, clientPort))
                .contains(Long.toString(client.pid()));
        assertThat(endpoints.get(serverId).latestValue("pid"))
                .contains(Long.toString(ProcessHandle.current().pid()));
    }

    /** What the scanner sees on a port, to tell a wrong owner from a wrong direction when the test fails. */
    private static List<Connection> connectionsOnPort(boolean sockDiag, int port) throws Exception {
        ProcessCache cache = processCache();
        cache.tick();
        ConnectionScanner scanner =
                new ConnectionScanner(PROC, true, sockDiag ? SockDiag.open().orElseThrow() : null, System::nanoTime);
        return scanner.scan(cache.snapshot().processes()).stream()
                .filter(c -> c.fromPort() == port || c.toPort() == port)
                .toList();
    }

    private static ProcessCache processCache() {
        return new ProcessCache(
                new ProcessWalker(PROC, PageSize.read(PROC), System::nanoTime), PROC, Clock.systemUTC());
    }

    private static Process connectFromChild(String address, int port, String from) throws Exception {
        String script = "import socket,sys,time\n"
                + "s=socket.create_connection(('" + address + "'," + port + "), source_address=('" + from + "',0))\n"
                + "print('connected', flush=True)\n"
                + "time.sleep(60)\n";
        return new ProcessBuilder("python3", "-c", script)
                .redirectErrorStream(true)
                .start();
    }

    private static void awaitReady(Process child) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("connected");
    }

    private static long netNamespace() throws Exception {
        String link = Files.readSymbolicLink(PROC.resolve("self/ns/net")).toString();
        return Long.parseLong(link.substring("net:[".length(), link.length() - 1));
    }

    private static Optional<String> routableAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return Optional.of(a.getHostAddress());
                }
            }
        }
        return Optional.empty();
    }
}
