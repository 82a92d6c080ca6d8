package io.scopecloud.control.probe;

/** A websocket a probe token opened (a control connection or a probe's pipe end), closed when the token is revoked. */
public interface TokenSocket {
    /** Whether the socket has ended (closed or failed); {@link TokenSockets} then forgets it. */
    boolean ended();

    /** Closes the socket with 1008 (policy violation): the token that opened it is no longer valid. */
    void revoke(String reason);
}
