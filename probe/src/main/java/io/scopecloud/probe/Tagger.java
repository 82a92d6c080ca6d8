package io.scopecloud.probe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scope's two taggers in one pass: every node is stamped with its topology's name (plugin nodes
 * too), and Process, Container, ContainerImage and Host nodes get the {@code host_node_id} latest
 * entry and a {@code host} parent, the foreign key that renders them under their host. Endpoints
 * are left alone: they include nodes of other hosts and tag themselves.
 */
public final class Tagger {
    public static final String HOST_NODE_ID = "host_node_id";

    private static final Set<TopologyType> HOST_TAGGED =
            EnumSet.of(TopologyType.PROCESS, TopologyType.CONTAINER, TopologyType.CONTAINER_IMAGE, TopologyType.HOST);

    private final String hostNodeId;
    /**
     * Per topology type, the last topology found already tagged: the endpoint reporter hands the
     * same 10,000 nodes to every publish of a quiet host. Topologies are immutable, so a stale
     * entry read by another thread can only cost a walk.
     */
    private final Topology[] alreadyTagged = new Topology[TopologyType.values().length];

    private final boolean hostTagging;

    public Tagger(String hostNodeId) {
        this(hostNodeId, true);
    }

    private Tagger(String hostNodeId, boolean hostTagging) {
        this.hostNodeId = requireNonNull(hostNodeId, "hostNodeId is null");
        this.hostTagging = hostTagging;
    }

    /**
     * Only Scope's topology tagger: a cluster-role probe reports no host of its own, and the host
     * nodes it reports (Kubernetes nodes, for their cordon controls) are not where it runs.
     */
    public static Tagger topologyOnly() {
        return new Tagger("", false);
    }

    public Report tag(Report report, Instant now) {
        Report result = report;
        for (TopologyType type : TopologyType.values()) {
            Topology topology = report.topology(type);
            if (topology.nodes().isEmpty()) {
                continue;
            }
            boolean hostTag = hostTagging && HOST_TAGGED.contains(type);
            if (!hostTag && alreadyTagged(type, topology)) {
                continue; // the endpoint reporter's nodes: 10,000 copies saved on a busy host
            }
            Map<String, Node> tagged = new HashMap<>(topology.nodes().size() * 2);
            for (Map.Entry<String, Node> entry : topology.nodes().entrySet()) {
                Node node = entry.getValue().withTopology(type.topologyName());
                if (node.id().isEmpty()) {
                    node = node.withId(entry.getKey());
                }
                if (hostTag) {
                    node = node.withLatest(HOST_NODE_ID, now, hostNodeId);
                    List<String> hosts = node.parents().getOrDefault("host", List.of());
                    if (!hosts.contains(hostNodeId)) {
                        node = node.toBuilder().parent("host", hostNodeId).build();
                    }
                }
                tagged.put(entry.getKey(), node);
            }
            result = result.withTopology(type, topology.withNodes(tagged));
        }
        return result;
    }

    // EnumOrdinal: alreadyTagged is a plain array by ordinal, racy reads and all (see the field).
    // ReferenceEquality: the very instance checked before; equals would walk the nodes this skips.
    @SuppressWarnings({"EnumOrdinal", "ReferenceEquality"})
    private boolean alreadyTagged(TopologyType type, Topology topology) {
        if (alreadyTagged[type.ordinal()] == topology) {
            return true;
        }
        String name = type.topologyName();
        for (Node node : topology.nodes().values()) {
            if (node.id().isEmpty() || !node.topology().equals(name)) {
                return false;
            }
        }
        alreadyTagged[type.ordinal()] = topology;
        return true;
    }
}
