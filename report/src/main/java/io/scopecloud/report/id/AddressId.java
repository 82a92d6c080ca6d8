package io.scopecloud.report.id;

import static java.util.Objects.requireNonNull;

/** The parts of an address node ID {@code <scope>;<ip>}. */
public record AddressId(String scope, String address) {
    public AddressId {
        requireNonNull(scope, "scope is null");
        requireNonNull(address, "address is null");
    }

    @Override
    public String toString() {
        return NodeIds.makeAddressId(scope, address);
    }
}
