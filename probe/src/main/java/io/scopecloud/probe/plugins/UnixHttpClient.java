package io.scopecloud.probe.plugins;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HTTP/1.1 over a UNIX socket, the plugins' transport. An interface so registry tests can use a
 * hand-written fake instead of real sockets.
 */
public interface UnixHttpClient {

    /**
     * Sends one request on a fresh connection and reads the whole response.
     *
     * @param timeout bounds the dial and the exchange together (Scope: 500 ms)
     * @param maxBodyBytes a longer body fails the exchange (Scope: 50 MiB)
     * @throws IOException on a transport error, a timeout or an over-long body
     */
    UnixHttpResponse exchange(Path socket, UnixHttpRequest request, Duration timeout, long maxBodyBytes)
            throws IOException;
}
