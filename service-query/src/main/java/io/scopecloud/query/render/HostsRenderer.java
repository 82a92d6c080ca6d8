package io.scopecloud.query.render;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hosts view: one node per Host, joined by the connections between their endpoints, plus
 * pseudo nodes for the Internet and well-known services at the other end of connections.
 */
public final class HostsRenderer {
    public Map<String, NodeSummary> render(Report report) {
        Topology hosts = report.topology(TopologyType.HOST);
        Map<String, Set<String>> edges = new HashMap<>();
        hosts.nodes().keySet().forEach(id -> edges.put(id, new TreeSet<>()));
        Set<String> pseudo = new TreeSet<>();

        Map<String, Node> endpoints = report.topology(TopologyType.ENDPOINT).nodes();
        EndpointPseudoNodes pseudoNodes = new EndpointPseudoNodes(report);
        for (Map.Entry<String, Node> e : endpoints.entrySet()) {
            Node endpoint = e.getValue();
            Optional<String> from = target(e.getKey(), endpoint, hosts, pseudoNodes, pseudo);
            if (from.isEmpty()) {
                continue;
            }
            for (String adjacent : endpoint.adjacency()) {
                Optional<String> to = target(adjacent, endpoints.get(adjacent), hosts, pseudoNodes, pseudo);
                to.ifPresent(t ->
                        edges.computeIfAbsent(from.get(), k -> new TreeSet<>()).add(t));
            }
        }
        return summaries(hosts, edges, pseudo);
    }

    private static Optional<String> target(
            String endpointId, Node endpoint, Topology hosts, EndpointPseudoNodes pseudoNodes, Set<String> pseudo) {
        Optional<String> host = endpoint == null ? Optional.empty() : endpoint.latestValue("host_node_id");
        if (host.isPresent()) {
            return hosts.nodes().containsKey(host.get()) ? host : Optional.empty();
        }
        boolean outgoing = endpoint != null && !endpoint.adjacency().isEmpty();
        Optional<String> id = pseudoNodes.idFor(endpointId, outgoing);
        id.ifPresent(pseudo::add);
        return id;
    }

    private static Map<String, NodeSummary> summaries(
            Topology hosts, Map<String, Set<String>> edges, Set<String> pseudo) {
        // Scope's base transform: no Internet-to-Internet edge, no pseudo node without edges.
        edges.getOrDefault(EndpointPseudoNodes.INCOMING_INTERNET, new TreeSet<>())
                .remove(EndpointPseudoNodes.OUTGOING_INTERNET);
        Set<String> connected = new TreeSet<>();
        edges.forEach((from, to) -> {
            if (!to.isEmpty()) {
                connected.add(from);
                connected.addAll(to);
            }
        });
        Map<String, NodeSummary> out = new TreeMap<>();
        hosts.nodes().forEach((id, node) -> out.put(id, host(id, node, hosts, edges.get(id))));
        for (String id : pseudo) {
            if (connected.contains(id)) {
                NodeSummary s = EndpointPseudoNodes.summary(id);
                out.put(id, withAdjacency(s, edges.get(id)));
            }
        }
        return out;
    }

    private static NodeSummary host(String id, Node node, Topology hosts, Set<String> adjacency) {
        String name = node.latestValue("host_name").orElse(id.contains(";") ? id.substring(0, id.indexOf(';')) : id);
        int dot = name.indexOf('.');
        String label = dot < 0 ? name : name.substring(0, dot);
        String rest = dot < 0 ? "" : name.substring(dot + 1);
        return new NodeSummary(
                id,
                label,
                rest,
                rest,
                hosts.shape().isEmpty() ? "circle" : hosts.shape(),
                hosts.tag().isEmpty() ? null : hosts.tag(),
                false,
                false,
                Summaries.metadata(node, hosts),
                List.of(),
                Summaries.metrics(node, hosts),
                adjacency == null ? List.of() : List.copyOf(adjacency));
    }

    private static NodeSummary withAdjacency(NodeSummary s, Set<String> adjacency) {
        return new NodeSummary(
                s.id(),
                s.label(),
                s.labelMinor(),
                s.rank(),
                s.shape(),
                s.tag(),
                s.stack(),
                s.pseudo(),
                s.metadata(),
                s.parents(),
                s.metrics(),
                adjacency == null ? List.of() : List.copyOf(adjacency));
    }
}
