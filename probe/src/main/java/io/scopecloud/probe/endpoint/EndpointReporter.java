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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Endpoint topology: for each connection, a node for each end, {@code <scope>;<ip>;<port>}
 * (see {@link EndpointIds}), and an edge from the end that opened it to the end that accepted
 * it. The end that belongs to a local process gets {@code pid} and {@code host_node_id}, as in
 * Scope's connection tracker; the app joins endpoints to processes through them. Both ends of a
 * connection between two local processes are reported, so both pids land on the merged nodes.
 *
 * <p>Each spy tick scans (when the connections can have changed, see {@link
 * ConnectionScanner#scanIfChanged}) and remembers the connections; the topology is built once per
 * publish from every connection seen since the last one. A connection's {@code pid} is stamped
 * with the time it was first seen, so on merge a newer connection on the same address and port
 * wins, and a host whose connections did not change publishes the same topology again without
 * rebuilding it.
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
    private Map<Connection, Instant> current = Map.of(); // the last scan's connections, when first seen
    private Map<Connection, Instant> window = new HashMap<>(); // seen since the last drain
    private boolean currentInWindow;
    private Map<Connection, Instant> lastDrained = Map.of();
    private Report lastReport = Report.empty();

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
        List<Connection> scanned = scanner.scanIfChanged(processes.snapshot().processes());
        synchronized (lock) {
            if (scanned != null) {
                Instant now = clock.instant();
                Map<Connection, Instant> next = new HashMap<>(scanned.size() * 4 / 3 + 16);
                for (Connection c : scanned) {
                    next.put(c, current.getOrDefault(c, now));
                }
                current = next;
                currentInWindow = false;
            }
            if (!currentInWindow) {
                window.putAll(current);
                currentInWindow = true;
            }
        }
    }

    @Override
    public Report drain() {
        Map<Connection, Instant> drained;
        synchronized (lock) {
            drained = window;
            window = new HashMap<>(drained.size() * 4 / 3 + 16);
            currentInWindow = false;
        }
        if (!drained.equals(lastDrained)) { // most windows of a quiet host see the same connections
            lastReport = toReport(drained);
            lastDrained = drained;
        }
        return lastReport;
    }

    /** One node per endpoint, built once (a server's endpoint is an end of all its connections). */
    private Report toReport(Map<Connection, Instant> connections) {
        String name = TopologyType.ENDPOINT.topologyName();
        Map<String, Node.Builder> nodes = new HashMap<>(connections.size() * 3);
        for (Map.Entry<Connection, Instant> entry : connections.entrySet()) {
            Connection c = entry.getKey();
            Instant now = entry.getValue();
            String fromId = ids.endpointId(c.netNamespace(), c.fromAddress(), c.fromPort());
            String toId = ids.endpointId(c.netNamespace(), c.toAddress(), c.toPort());
            Node.Builder from = nodes.computeIfAbsent(fromId, id -> Node.builder(id, name));
            Node.Builder to = nodes.computeIfAbsent(toId, id -> Node.builder(id, name));
            from.adjacent(toId);
            if (c.fromPid() > 0) {
                from.latest(PID, now, Integer.toString(c.fromPid())).latest(HOST_NODE_ID, now, hostNodeId);
            }
            if (c.toPid() > 0) {
                to.latest(PID, now, Integer.toString(c.toPid())).latest(HOST_NODE_ID, now, hostNodeId);
            }
        }
        Topology.Builder topology = Report.empty().topology(TopologyType.ENDPOINT).toBuilder();
        for (Node.Builder node : nodes.values()) {
            topology.node(node.build());
        }
        return Report.builder()
                .topology(TopologyType.ENDPOINT, topology.build())
                .build();
    }
}
