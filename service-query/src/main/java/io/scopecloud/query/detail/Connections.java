package io.scopecloud.query.detail;

import io.scopecloud.query.detail.NodeDetails.Column;
import io.scopecloud.query.detail.NodeDetails.Connection;
import io.scopecloud.query.detail.NodeDetails.ConnectionsTable;
import io.scopecloud.query.render.Ids;
import io.scopecloud.query.render.Keys;
import io.scopecloud.query.render.RenderNode;
import io.scopecloud.report.DnsRecord;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scope's connection tables (render/detailed/connections.go): the connections to and from a node,
 * counted once per source endpoint (pre-NAT, via {@code copy_of}) and weighted by {@code conn_count}.
 */
final class Connections {
    private static final List<Column> NORMAL =
            List.of(new Column("port", "Port", false, "number"), new Column("count", "Count", true, "number"));
    private static final List<Column> INTERNET = List.of(
            new Column("remote", "Remote", false, ""),
            new Column("port", "Port", false, "number"),
            new Column("count", "Count", true, "number"));

    private Connections() {}

    private record Key(String remoteNodeId, String remoteAddr, String localAddr, String port) {}

    private static final class Counters {
        final Set<String> counted = new HashSet<>();
        final Map<Key, Integer> counts = new LinkedHashMap<>();

        void add(
                Report r,
                boolean outgoing,
                RenderNode local,
                RenderNode remote,
                Node localEp,
                String localEpId,
                Node remoteEp,
                String remoteEpId) {
            Node src = outgoing ? localEp : remoteEp;
            String srcId = outgoing ? localEpId : remoteEpId;
            String dstId = outgoing ? remoteEpId : localEpId;
            if (src == null && srcId == null) {
                return;
            }
            String connectionId =
                    src == null ? srcId : src.latestValue(Keys.COPY_OF).orElse(srcId);
            if (counted.contains(connectionId)) {
                return;
            }
            Optional<Ids.EndpointParts> dst = dstId == null ? Optional.empty() : Ids.parseEndpoint(dstId);
            if (dst.isEmpty()) {
                return;
            }
            Optional<String> remoteAddr = internetAddr(r, remote, remoteEpId);
            Optional<String> localAddr = internetAddr(r, local, localEpId);
            if (remoteAddr.isEmpty() || localAddr.isEmpty()) {
                return;
            }
            int count = 1;
            if (src != null) {
                Optional<String> c = src.latestValue(Keys.CONNECTION_COUNT);
                if (c.isPresent()) {
                    try {
                        count = Integer.parseInt(c.get());
                    } catch (NumberFormatException ignored) {
                        // Scope keeps 1.
                    }
                }
            }
            counted.add(connectionId);
            counts.merge(
                    new Key(
                            remote.id(),
                            remoteAddr.get(),
                            localAddr.get(),
                            dst.get().port()),
                    count,
                    Integer::sum);
        }

        List<Connection> rows(Report r, Map<String, RenderNode> view, boolean includeLocal) {
            List<Connection> out = new ArrayList<>();
            counts.forEach((row, count) -> {
                RenderNode remote = view.get(row.remoteNodeId());
                BasicSummary s =
                        remote == null ? null : BasicSummaries.of(r, remote).orElse(null);
                String nodeId = s == null ? (remote == null ? "" : remote.id()) : s.id();
                String label = s == null ? nodeId : s.label();
                String minor = s == null ? "" : s.labelMinor();
                if (!row.remoteAddr().isEmpty()) {
                    label = row.remoteAddr();
                    minor = "";
                }
                List<MetadataRow> metadata = new ArrayList<>();
                if (includeLocal) {
                    metadata.add(new MetadataRow("remote", "", row.localAddr(), 0, "", 0));
                }
                metadata.add(new MetadataRow("port", "", row.port(), 0, "", 0));
                metadata.add(new MetadataRow("count", "", Integer.toString(count), 0, "", 0));
                String id = row.remoteNodeId() + "-" + row.remoteAddr() + "-" + row.localAddr() + "-" + row.port();
                out.add(new Connection(id, nodeId, label, minor, metadata));
            });
            out.sort(Comparator.comparing(Connection::id));
            return out;
        }
    }

    private static Optional<String> internetAddr(Report r, RenderNode node, String endpointId) {
        if (!Ids.isInternet(node.id())) {
            return Optional.of("");
        }
        Optional<Ids.EndpointParts> parts = endpointId == null ? Optional.empty() : Ids.parseEndpoint(endpointId);
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        String addr = parts.get().address();
        DnsRecord dns = r.dns().get(addr);
        if (dns != null) {
            String name = !dns.forward().isEmpty()
                    ? dns.forward().get(0)
                    : !dns.reverse().isEmpty() ? dns.reverse().get(0) : null;
            if (name != null) {
                addr = name + " (" + addr + ")";
            }
        }
        return Optional.of(addr);
    }

    private static List<RenderNode> endpointChildren(RenderNode n) {
        List<RenderNode> out = new ArrayList<>();
        for (RenderNode c : n.children()) {
            if (c.topology().equals("endpoint")) {
                out.add(c);
            }
        }
        return out;
    }

    private static Map<String, String> endpointIdsAndCopies(RenderNode n, Set<String> ids) {
        Map<String, String> copies = new HashMap<>();
        for (RenderNode c : endpointChildren(n)) {
            ids.add(c.id());
            c.latestValue(Keys.COPY_OF).ifPresent(copy -> copies.put(c.id(), copy));
        }
        return copies;
    }

    static ConnectionsTable incoming(String topologyId, Report r, RenderNode n, Map<String, RenderNode> view) {
        Set<String> localIds = new HashSet<>();
        Map<String, String> copies = endpointIdsAndCopies(n, localIds);
        Map<String, Node> endpoints = r.topology(TopologyType.ENDPOINT).nodes();
        Counters counts = new Counters();
        for (RenderNode node : view.values()) {
            if (!node.adjacencySet().contains(n.id())) {
                continue;
            }
            for (RenderNode remoteEp : endpointChildren(node)) {
                for (String localId : remoteEp.adjacency()) {
                    if (!localIds.contains(localId)) {
                        continue;
                    }
                    String canonical = copies.getOrDefault(localId, localId);
                    Node localEp = endpoints.get(canonical);
                    counts.add(
                            r,
                            false,
                            n,
                            node,
                            localEp,
                            localEp == null ? null : canonical,
                            endpoints.get(remoteEp.id()) == null ? null : endpoints.get(remoteEp.id()),
                            remoteEp.id());
                }
            }
        }
        boolean internet = Ids.isInternet(n.id());
        return new ConnectionsTable(
                "incoming-connections",
                topologyId,
                "Inbound",
                internet ? INTERNET : NORMAL,
                counts.rows(r, view, internet));
    }

    static ConnectionsTable outgoing(String topologyId, Report r, RenderNode n, Map<String, RenderNode> view) {
        List<RenderNode> localEps = endpointChildren(n);
        Map<String, Node> endpoints = r.topology(TopologyType.ENDPOINT).nodes();
        Counters counts = new Counters();
        for (String id : n.adjacency()) {
            RenderNode node = view.get(id);
            if (node == null) {
                continue;
            }
            Set<String> remoteIds = new HashSet<>();
            Map<String, String> copies = endpointIdsAndCopies(node, remoteIds);
            for (RenderNode localEp : localEps) {
                for (String remoteId : localEp.adjacency()) {
                    if (!remoteIds.contains(remoteId)) {
                        continue;
                    }
                    String canonical = copies.getOrDefault(remoteId, remoteId);
                    Node remoteEp = endpoints.get(canonical);
                    counts.add(
                            r,
                            true,
                            n,
                            node,
                            endpoints.get(localEp.id()),
                            localEp.id(),
                            remoteEp,
                            remoteEp == null ? null : canonical);
                }
            }
        }
        boolean internet = Ids.isInternet(n.id());
        return new ConnectionsTable(
                "outgoing-connections",
                topologyId,
                "Outbound",
                internet ? INTERNET : NORMAL,
                counts.rows(r, view, internet));
    }
}
