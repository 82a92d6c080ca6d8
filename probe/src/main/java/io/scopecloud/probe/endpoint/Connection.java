package io.scopecloud.probe.endpoint;

import static java.util.Objects.requireNonNull;

/**
 * A TCP connection seen from this host, oriented from the side that opened it to the side that
 * accepted it. The pid of whichever side is a local process is filled in (0 when unknown).
 *
 * @param netNamespace inode of the network namespace the socket lives in (scopes loopback IDs)
 */
public record Connection(
        long netNamespace, String fromAddress, int fromPort, int fromPid, String toAddress, int toPort, int toPid) {

    public Connection {
        requireNonNull(fromAddress, "fromAddress is null");
        requireNonNull(toAddress, "toAddress is null");
    }
}
