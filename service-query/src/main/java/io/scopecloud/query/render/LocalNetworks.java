package io.scopecloud.query.render;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The networks a report calls local: every Host and Overlay node's {@code local_networks}. */
final class LocalNetworks {
    private final List<Cidr> networks;

    private LocalNetworks(List<Cidr> networks) {
        this.networks = networks;
    }

    static LocalNetworks of(Report report) {
        List<Cidr> networks = new ArrayList<>();
        for (TopologyType type : List.of(TopologyType.HOST, TopologyType.OVERLAY)) {
            for (Node node : report.topology(type).nodes().values()) {
                for (String cidr : node.sets().getOrDefault("local_networks", List.of())) {
                    Cidr.parse(cidr).ifPresent(networks::add);
                }
            }
        }
        return new LocalNetworks(networks);
    }

    boolean contains(String ip) {
        Optional<byte[]> address = Cidr.address(ip);
        return address.isPresent() && networks.stream().anyMatch(n -> n.contains(address.get()));
    }
}
