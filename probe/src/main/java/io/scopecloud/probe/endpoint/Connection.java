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

    // Written out rather than generated: the generated ones go through method handles, which the
    // probe's C1-only JVM does not inline, and every spy tick hashes each of the host's
    // connections (10,000 on the benchmark's host) into the set of those seen since the publish.

    @Override
    public boolean equals(Object o) {
        return o == this
                || (o instanceof Connection c
                        && netNamespace == c.netNamespace
                        && fromPort == c.fromPort
                        && toPort == c.toPort
                        && fromPid == c.fromPid
                        && toPid == c.toPid
                        && fromAddress.equals(c.fromAddress)
                        && toAddress.equals(c.toAddress));
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(netNamespace);
        h = 31 * h + fromAddress.hashCode();
        h = 31 * h + fromPort;
        h = 31 * h + fromPid;
        h = 31 * h + toAddress.hashCode();
        h = 31 * h + toPort;
        return 31 * h + toPid;
    }
}
