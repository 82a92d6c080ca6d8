package io.scopecloud.probe.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.process.ProcessCache;
import io.scopecloud.probe.process.ProcessWalker;
import io.scopecloud.probe.testing.ProcTree;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointReporterTest {
    private static final Instant NOW = Instant.parse("2026-11-23T00:17:10Z");

    @TempDir
    Path temp;

    @Test
    void scopesIdsLikeScope() {
        EndpointIds ids = new EndpointIds("vm", List.of(Ipv4Cidr.parse("172.17.0.1/16")));

        assertThat(ids.endpointId(4026531833L, "127.0.0.1", 4040)).isEqualTo("vm-4026531833;127.0.0.1;4040");
        assertThat(ids.endpointId(0, "127.0.0.1", 4040)).isEqualTo("vm;127.0.0.1;4040");
        assertThat(ids.endpointId(4026531833L, "::1", 8080)).isEqualTo("vm-4026531833;::1;8080");
        assertThat(ids.endpointId(4026531833L, "10.0.0.5", 443)).isEqualTo(";10.0.0.5;443");
        assertThat(ids.endpointId(4026531833L, "172.17.0.2", 80)).isEqualTo("vm;172.17.0.2;80");
        assertThat(ids.addressId(0, "10.0.0.5")).isEqualTo(";10.0.0.5");
    }

    @Test
    void turnsConnectionsIntoEdgesBetweenEndpointNodes() throws Exception {
        EndpointReporter reporter = reporter(ProcTree.copy("host-a", temp), Clock.fixed(NOW, ZoneOffset.UTC));

        Map<String, Node> nodes =
                reporter.report().topology(TopologyType.ENDPOINT).nodes();

        String client = "host-a-4026531833;127.0.0.1;56418";
        String server = "host-a-4026531833;127.0.0.1;80";
        assertThat(nodes.get(client).adjacency()).containsExactly(server);
        assertThat(nodes.get(client).latestValue("pid")).contains("4242");
        assertThat(nodes.get(client).latestValue("host_node_id")).contains("host-a;<host>");
        assertThat(nodes.get(server).adjacency()).isEmpty();
        assertThat(nodes.get(server).latestValue("pid")).contains("812");
        assertThat(nodes.get(";10.0.2.2;50662").adjacency()).containsExactly(";10.0.0.5;443");
        assertThat(nodes.get(";10.0.0.5;443").latest()).isEmpty();
        assertThat(nodes.get("host-a-4026531833;::1;46324").adjacency()).containsExactly("host-a-4026531833;::1;8080");
        assertThat(nodes.values()).allSatisfy(n -> assertThat(n.topology()).isEqualTo("endpoint"));
    }

    @Test
    void stampsConnectionsWithTheirFirstSightingAndReusesAnUnchangedTopology() throws Exception {
        Path proc = ProcTree.copy("host-a", temp);
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        EndpointReporter reporter = reporter(proc, clock);
        String client = "host-a-4026531833;127.0.0.1;56418";

        reporter.observe();
        Report first = reporter.drain();
        now.set(NOW.plusSeconds(3));
        reporter.observe();
        Report second = reporter.drain();

        assertThat(second).isSameAs(first);
        assertThat(second.topology(TopologyType.ENDPOINT)
                        .nodes()
                        .get(client)
                        .latest()
                        .get("pid")
                        .timestamp())
                .isEqualTo(NOW);

        // a new connection: the topology is rebuilt, the old connections keep their first sighting
        ProcTree.addHostAConnection(proc);
        now.set(NOW.plusSeconds(6));
        reporter.observe();
        Map<String, Node> nodes =
                reporter.drain().topology(TopologyType.ENDPOINT).nodes();

        assertThat(nodes.get(client).latest().get("pid").timestamp()).isEqualTo(NOW);
        assertThat(nodes.get("host-a-4026531833;127.0.0.1;56576").adjacency())
                .containsExactly("host-a-4026531833;127.0.0.1;80");
        assertThat(nodes.get("host-a-4026531833;127.0.0.1;80")
                        .latest()
                        .get("pid")
                        .timestamp())
                .isEqualTo(NOW);
    }

    /** The reporter for a fixture tree, its processes walked once. */
    private static EndpointReporter reporter(Path proc, Clock clock) throws Exception {
        ProcessCache processes = new ProcessCache(new ProcessWalker(proc, 4096, System::nanoTime), proc, clock);
        processes.tick();
        return new EndpointReporter(
                new EndpointIds("host-a", List.of()),
                "host-a;<host>",
                new ConnectionScanner(proc, true),
                processes,
                clock);
    }
}
