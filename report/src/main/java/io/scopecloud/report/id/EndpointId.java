package io.scopecloud.report.id;

import static java.util.Objects.requireNonNull;

/** The parts of an endpoint node ID {@code <scope>;<ip>;<port>}; {@code scope} is "" for non-local addresses. */
public record EndpointId(String scope, String address, int port) {
    public EndpointId {
        requireNonNull(scope, "scope is null");
        requireNonNull(address, "address is null");
    }

    @Override
    public String toString() {
        return NodeIds.makeEndpointId(scope, address, port);
    }
}
