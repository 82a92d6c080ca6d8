package io.scopecloud.probe.endpoint;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.id.NodeIds;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Endpoint node IDs, {@code <scope>;<ip>;<port>}, exactly as scope-contract §1.6 and Scope's
 * {@code MakeEndpointNodeIDB} build them. The scope makes addresses that mean different things on
 * different hosts distinct, and leaves routable addresses unscoped so two probes agree on them:
 * <ul>
 *   <li>an address in a local bridge network (docker0): the host ID;
 *   <li>a loopback address: the host ID, plus {@code -<netns inode>} when the namespace is known;
 *   <li>anything else: empty, e.g. {@code ;10.0.0.5;443}.
 * </ul>
 */
public final class EndpointIds {
    static final int MAX_CACHED_SCOPES = 4096;

    private final String hostId;
    private final List<Ipv4Cidr> bridgeNetworks;
    /**
     * Scopes by (namespace, address). A publish names both ends of every connection seen, 20,000
     * IDs on a host with 10,000 sockets, over a handful of distinct addresses; working a scope out
     * means splitting the address for the bridge test and formatting the namespace. Bounded by
     * clearing: a host talking to very many peers just recomputes.
     */
    private final Map<ScopeKey, String> scopes = new ConcurrentHashMap<>();

    public EndpointIds(String hostId, List<Ipv4Cidr> bridgeNetworks) {
        this.hostId = requireNonNull(hostId, "hostId is null");
        this.bridgeNetworks = List.copyOf(requireNonNull(bridgeNetworks, "bridgeNetworks is null"));
    }

    /**
     * The endpoint node ID of a socket's address and port, {@code <scope>;<ip>;<port>}.
     *
     * @param netNamespace the socket's network namespace inode, or 0 if unknown
     */
    public String endpointId(long netNamespace, String address, int port) {
        return NodeIds.makeEndpointId(scope(netNamespace, address), address, port);
    }

    /** The address node form, {@code <scope>;<ip>}. */
    public String addressId(long netNamespace, String address) {
        return NodeIds.makeAddressId(scope(netNamespace, address), address);
    }

    private String scope(long netNamespace, String address) {
        ScopeKey key = new ScopeKey(netNamespace, address);
        String scope = scopes.get(key);
        if (scope == null) {
            if (scopes.size() >= MAX_CACHED_SCOPES) {
                scopes.clear();
            }
            scope = computeScope(netNamespace, address);
            scopes.put(key, scope);
        }
        return scope;
    }

    private String computeScope(long netNamespace, String address) {
        boolean inBridge = false;
        for (Ipv4Cidr network : bridgeNetworks) {
            if (network.contains(address)) {
                inBridge = true;
                break;
            }
        }
        // Go formats the namespace from a uint32 inode; namespace inodes fit in 32 bits.
        String namespace = netNamespace > 0 ? Long.toString(netNamespace & 0xffffffffL) : "";
        return NodeIds.endpointScope(hostId, namespace, address, inBridge);
    }

    private record ScopeKey(long netNamespace, String address) {
        // written out: the generated methods go through method handles, slow on the probe's C1-only JVM
        @Override
        public boolean equals(Object o) {
            return o instanceof ScopeKey k && netNamespace == k.netNamespace && address.equals(k.address);
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(netNamespace) + address.hashCode();
        }
    }
}
