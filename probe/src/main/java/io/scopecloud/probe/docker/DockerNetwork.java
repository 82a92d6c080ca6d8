package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One entry of {@code GET /networks}: its name, driver and the subnets of its IPAM config. */
public record DockerNetwork(String name, String driver, List<String> subnets) {
    public DockerNetwork {
        requireNonNull(name, "name is null");
        requireNonNull(driver, "driver is null");
        subnets = List.copyOf(subnets);
    }
}
