package io.scopecloud.infra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks loopback ports. A requested port is a preference, not a demand: a standalone install that
 * restarts while something else took its old port should come up on another one rather than fail.
 */
final class Ports {
    private static final Logger log = LoggerFactory.getLogger(Ports.class);

    private Ports() {}

    /** The requested port when it is free, otherwise (or for 0) any free loopback port. */
    static int choose(String what, int requested) {
        int chosen = choose(requested, Ports::isFree, Ports::anyFree);
        if (requested != 0 && chosen != requested) {
            log.warn("{}: port {} is in use, using port {} instead", what, requested, chosen);
        }
        return chosen;
    }

    static int choose(int requested, IntPredicate isFree, IntSupplier anyFree) {
        if (requested < 0 || requested > 65535) {
            throw new IllegalArgumentException("port out of range: " + requested);
        }
        if (requested != 0 && isFree.test(requested)) {
            return requested;
        }
        return anyFree.getAsInt();
    }

    /** Binds the way the servers will (loopback, SO_REUSEADDR), so a port in TIME_WAIT counts as free. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int anyFree() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
