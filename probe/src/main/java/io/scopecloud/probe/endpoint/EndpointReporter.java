package io.scopecloud.probe.endpoint;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.ObservingSource;
import io.scopecloud.probe.process.ProcessCache;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Endpoint topology: for each connection, a node for each end, {@code <scope>;<ip>;<port>}
 * (see {@link EndpointIds}), and an edge from the end that opened it to the end that accepted
 * it. The end that belongs to a local process gets {@code pid} and {@code host_node_id}, as in
 * Scope's connection tracker; the app joins endpoints to processes through them. Both ends of a
 * connection between two local processes are reported, so both pids land on the merged nodes.
 *
 * <p>Each spy tick only scans and remembers the connections with the time it saw them; the
 * topology is built once per publish from every connection seen since the last one, each with
 * its last sighting as the timestamp of its {@code pid} (what merging one report per tick gave).
 */
public final class EndpointReporter implements ObservingSource {
    public static final String PID = "pid";
    public static final String HOST_NODE_ID = "host_node_id";
    public static final String CONNECTION_COUNT = "conn_count";

    private final EndpointIds ids;
    private final String hostNodeId;
    private final ConnectionScanner scanner;
    private final ProcessCache processes;
    private final Clock clock;
    private final Object lock = new Object();
    private Map<Connection, Instant> seen = new LinkedHashMap<>();

    public EndpointReporter(
            EndpointIds ids, String hostNodeId, ConnectionScanner scanner, ProcessCache processes, Clock clock) {
        this.ids = requireNonNull(ids, "ids is null");
        this.hostNodeId = requireNonNull(hostNodeId, "hostNodeId is null");
        this.scanner = requireNonNull(scanner, "scanner is null");
        this.processes = requireNonNull(processes, "processes is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String name() {
        return "Endpoint";
    }

    @Override
    public void observe() {
        List<Connection> connections = scanner.scan(processes.snapshot().processes());
        Instant now = clock.instant();
        synchronized (lock) {
            for (Connection c : connections) {
                seen.put(c, now);
            }
        }
    }

    @Override
    public Report drain() {
        Map<Connection, Instant> drained;
        synchronized (lock) {
            drained = seen;
            seen = new LinkedHashMap<>(Math.max(16, drained.size() * 4 / 3 + 1));
        }
        return toReport(drained);
    }

    private Report toReport(Map<Connection, Instant> connections) {
        Topology.Builder topology = Report.empty().topology(TopologyType.ENDPOINT).toBuilder();
        String name = TopologyType.ENDPOINT.topologyName();
        for (Map.Entry<Connection, Instant> entry : connections.entrySet()) {
            Connection c = entry.getKey();
            Instant now = entry.getValue();
            String fromId = ids.endpointId(c.netNamespace(), c.fromAddress(), c.fromPort());
            String toId = ids.endpointId(c.netNamespace(), c.toAddress(), c.toPort());
            Node.Builder from = Node.builder(fromId, name).adjacent(toId);
            Node.Builder to = Node.builder(toId, name);
            if (c.fromPid() > 0) {
                from.latest(PID, now, Integer.toString(c.fromPid())).latest(HOST_NODE_ID, now, hostNodeId);
            }
            if (c.toPid() > 0) {
                to.latest(PID, now, Integer.toString(c.toPid())).latest(HOST_NODE_ID, now, hostNodeId);
            }
            topology.node(from.build());
            topology.node(to.build());
        }
        return Report.builder()
                .topology(TopologyType.ENDPOINT, topology.build())
                .build();
    }
}
