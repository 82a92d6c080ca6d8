package io.scopecloud.report;

import io.scopecloud.report.id.EndpointId;
import io.scopecloud.report.id.NodeIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Scope's {@code Report.Upgrade} (§1.5): rewrites reports from older probes into the current shape. Applied to every
 * report before use; each step is a no-op on reports that do not need it.
 */
final class Upgrades {
    static final String KUBERNETES_NAME = "kubernetes_name";
    static final String KUBERNETES_NAMESPACE = "kubernetes_namespace";
    static final String KUBERNETES_STATE = "kubernetes_state";
    static final String SNOOPED_DNS_NAMES = "snooped_dns_names";
    static final String REVERSE_DNS_NAMES = "reverse_dns_names";

    private static final TopologyType[] NAMESPACED = {
        TopologyType.POD,
        TopologyType.SERVICE,
        TopologyType.DEPLOYMENT,
        TopologyType.DAEMON_SET,
        TopologyType.STATEFUL_SET,
        TopologyType.CRON_JOB
    };

    private Upgrades() {}

    static Report upgrade(Report r) {
        return upgradeDns(upgradeNamespaces(upgradePodParents(r)));
    }

    /**
     * Probes stopped reporting replica sets and started reporting deployments as pods' parents; for older reports
     * replace each pod's {@code replica_set} parents with those replica sets' {@code deployment} parents.
     */
    static Report upgradePodParents(Report r) {
        Map<String, Node> replicaSets = r.topology(TopologyType.REPLICA_SET).nodes();
        if (replicaSets.isEmpty()) {
            return r;
        }
        String rsKey = TopologyType.REPLICA_SET.topologyName();
        String depKey = TopologyType.DEPLOYMENT.topologyName();
        Topology pods = r.topology(TopologyType.POD);
        HashMap<String, Node> upgraded = null;
        for (Map.Entry<String, Node> e : pods.nodes().entrySet()) {
            Node pod = e.getValue();
            List<String> rsIds = pod.parents().get(rsKey);
            if (rsIds == null) {
                continue;
            }
            List<String> deployments = new ArrayList<>(pod.parents().getOrDefault(depKey, List.of()));
            for (String rsId : rsIds) {
                Node rs = replicaSets.get(rsId);
                if (rs != null) {
                    deployments.addAll(rs.parents().getOrDefault(depKey, List.of()));
                }
            }
            Node replaced = pod.withParents(rsKey, List.of()).withParents(depKey, deployments);
            if (upgraded == null) {
                upgraded = new HashMap<>(pods.nodes());
            }
            upgraded.put(e.getKey(), replaced);
        }
        return upgraded == null ? r : r.withTopology(TopologyType.POD, pods.withNodesOwned(upgraded));
    }

    /**
     * Older probes did not report namespaces: synthesize {@code <ns>;<namespace>} nodes from the
     * {@code kubernetes_namespace} of non-deleted namespaced objects. Scope stamps them with the current time; we use
     * the newest timestamp of the entries they come from, which keeps upgrade a pure function, and we set their
     * topology so that they survive {@link Report#withoutPartMergedNodes()}.
     */
    static Report upgradeNamespaces(Report r) {
        if (!r.topology(TopologyType.NAMESPACE).nodes().isEmpty()) {
            return r;
        }
        TreeMap<String, Instant> namespaces = new TreeMap<>();
        for (TopologyType type : NAMESPACED) {
            for (Node n : r.topology(type).nodes().values()) {
                if (n.latestValue(KUBERNETES_STATE).filter("deleted"::equals).isPresent()) {
                    continue;
                }
                LatestEntry ns = n.latest().get(KUBERNETES_NAMESPACE);
                if (ns != null) {
                    namespaces.merge(ns.value(), ns.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
        if (namespaces.isEmpty()) {
            return r;
        }
        Topology.Builder b = r.topology(TopologyType.NAMESPACE).toBuilder();
        namespaces.forEach((ns, ts) -> {
            String id = NodeIds.makeNamespaceId(ns);
            b.node(Node.builder(id, TopologyType.NAMESPACE.topologyName())
                    .latest(KUBERNETES_NAME, ts, ns)
                    .build());
        });
        return r.withTopology(TopologyType.NAMESPACE, b.build());
    }

    /**
     * DNS: release 1.11.6 sent it under {@code nodes}; older probes kept it in the endpoint sets
     * {@code snooped_dns_names} (forward) and {@code reverse_dns_names} (reverse), keyed here by address.
     */
    static Report upgradeDns(Report r) {
        if (!r.legacyDns().isEmpty()) {
            return r.withDns(r.legacyDns()).toBuilder().clearLegacyDns().build();
        }
        if (!r.dns().isEmpty()) {
            return r;
        }
        TreeMap<String, DnsRecord> dns = new TreeMap<>(Utf8Order.COMPARATOR);
        for (Map.Entry<String, Node> e :
                r.topology(TopologyType.ENDPOINT).nodes().entrySet()) {
            Optional<EndpointId> endpoint = NodeIds.parseEndpointId(e.getKey());
            if (endpoint.isEmpty()) {
                continue;
            }
            List<String> forward = e.getValue().sets().get(SNOOPED_DNS_NAMES);
            List<String> reverse = e.getValue().sets().get(REVERSE_DNS_NAMES);
            if (forward == null && reverse == null) {
                continue;
            }
            DnsRecord record = new DnsRecord(forward, reverse);
            dns.merge(endpoint.get().address(), record, DnsRecord::merge);
        }
        return dns.isEmpty() ? r : r.withDns(dns);
    }
}
