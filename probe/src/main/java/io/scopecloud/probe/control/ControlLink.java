package io.scopecloud.probe.control;

import java.io.IOException;

/**
 * The probe's end of the control websocket, reduced to what the RPC server needs: open a
 * connection, send TEXT frames and pings, hear frames, pongs and the close. An interface so the
 * RPC server is tested against a hand-written fake and the real websocket against a real server.
 */
public interface ControlLink {

    /**
     * Connects and returns the open session. Frames arrive on {@code listener}, one call at a
     * time, in order.
     *
     * @throws IOException if the connection cannot be opened; {@link HandshakeRejectedException}
     *     when the service answered the upgrade with an HTTP status (e.g. 401 for a bad token)
     */
    Session open(Listener listener) throws IOException, InterruptedException;

    /** An open connection. */
    interface Session {
        /** Sends one TEXT frame; thread-safe; blocks until written (at most the write timeout). */
        void sendText(String text) throws IOException;

        /** Sends a ping; the peer's pong arrives as {@link Listener#onPong()}. */
        void ping() throws IOException;

        /** Closes the connection; {@link Listener#onClosed} follows. Idempotent. */
        void close();
    }

    /** Receives what arrives on a session. */
    interface Listener {
        /** The connection is open; called before any frame is delivered. */
        void onOpen(Session session);

        void onText(String text);

        void onPong();

        /** The connection ended, cleanly or not; called once. */
        void onClosed(String reason);
    }

    /** The service refused the websocket upgrade with an HTTP status. */
    final class HandshakeRejectedException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public HandshakeRejectedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
