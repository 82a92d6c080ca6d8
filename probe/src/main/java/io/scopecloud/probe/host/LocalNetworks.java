package io.scopecloud.probe.host;

import java.util.List;

/**
 * The host's IPv4 addresses with their prefix length ({@code 192.0.2.2/24}), Scope's
 * {@code local_networks} set. An interface so tests need no real network interfaces.
 */
@FunctionalInterface
public interface LocalNetworks {
    List<String> cidrs();
}
