package io.scopecloud.control.web;

/**
 * A websocket handshake refused with a body written exactly as Weave Scope writes it (a JSON
 * string), for the cases probes may depend on.
 */
final class HandshakeRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String jsonBody;

    HandshakeRejected(int status, String jsonBody) {
        super(jsonBody, null, false, false);
        this.status = status;
        this.jsonBody = jsonBody;
    }

    int status() {
        return status;
    }

    String jsonBody() {
        return jsonBody;
    }
}
