package io.scopecloud.query.render;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scope's {@code LocalNetworks}: every Host and Overlay node's {@code local_networks}, plus the
 * smallest IPv4 network holding every Kubernetes service IP (Scope's stand-in for the cluster's
 * service range, so connections to service VIPs are not drawn as the Internet).
 */
final class LocalNetworks {
    private final List<Cidr> networks;

    private LocalNetworks(List<Cidr> networks) {
        this.networks = networks;
    }

    static LocalNetworks of(Report report) {
        List<Cidr> networks = new ArrayList<>();
        for (TopologyType type : List.of(TopologyType.HOST, TopologyType.OVERLAY)) {
            for (Node node : report.topology(type).nodes().values()) {
                for (String cidr : node.sets().getOrDefault(Keys.HOST_LOCAL_NETWORKS, List.of())) {
                    Cidr.parse(cidr).ifPresent(networks::add);
                }
            }
        }
        serviceNetwork(report).ifPresent(networks::add);
        return new LocalNetworks(networks);
    }

    private static Optional<Cidr> serviceNetwork(Report report) {
        byte[] network = null;
        int prefix = 32;
        for (Node n : report.topology(TopologyType.SERVICE).nodes().values()) {
            Optional<byte[]> ip =
                    n.latestValue(Keys.KUBERNETES_IP).flatMap(Cidr::address).filter(a -> a.length == 4);
            if (ip.isEmpty()) {
                continue;
            }
            if (network == null) {
                network = ip.get();
                continue;
            }
            int x = toInt(network);
            int y = toInt(ip.get());
            int common = prefix;
            while (common > 0 && (x >>> (32 - common)) != (y >>> (32 - common))) {
                common--;
            }
            prefix = common;
            int masked = prefix == 0 ? 0 : x & (-1 << (32 - prefix));
            network = new byte[] {(byte) (masked >>> 24), (byte) (masked >>> 16), (byte) (masked >>> 8), (byte) masked};
        }
        return network == null ? Optional.empty() : Optional.of(new Cidr(network, prefix));
    }

    private static int toInt(byte[] a) {
        return ((a[0] & 0xff) << 24) | ((a[1] & 0xff) << 16) | ((a[2] & 0xff) << 8) | (a[3] & 0xff);
    }

    /** Scope parses the address first: something that is no IP literal is never external. */
    Optional<Boolean> contains(String ip) {
        return Cidr.address(ip).map(a -> {
            for (Cidr n : networks) {
                if (n.contains(a)) {
                    return true;
                }
            }
            return false;
        });
    }
}
