package io.scopecloud.control.probe;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe-token websockets this instance holds, by the token that opened them. {@link #sweep()}, run every
 * {@code tenancy.tokenCacheTtl} on every control instance, asks PostgreSQL which of those tokens are still valid
 * and closes (1008) the sockets of any other: a revoked token, or rotation's old secret, stops controlling and
 * relaying within the same time it takes to stop authenticating new requests.
 */
public final class TokenSockets {
    private static final Logger LOG = LoggerFactory.getLogger(TokenSockets.class);
    static final String REVOKED = "probe token revoked: restart the probe with a valid --service-token";

    private final Map<TokenSocket, UUID> sockets = new ConcurrentHashMap<>();
    private final LiveTokenDao tokens;

    public TokenSockets(LiveTokenDao tokens) {
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    public void add(UUID tokenId, TokenSocket socket) {
        sockets.put(requireNonNull(socket, "socket is null"), requireNonNull(tokenId, "tokenId is null"));
    }

    /** Forgets ended sockets and closes those whose token is no longer valid; returns how many it closed. */
    public int sweep() {
        sockets.keySet().removeIf(TokenSocket::ended);
        Set<UUID> held = new HashSet<>(sockets.values());
        if (held.isEmpty()) {
            return 0;
        }
        Set<UUID> live;
        try {
            live = new HashSet<>(tokens.live(held));
        } catch (RuntimeException e) {
            LOG.warn("Could not check the probe tokens of open sockets: {}", e.toString());
            return 0;
        }
        int closed = 0;
        for (Map.Entry<TokenSocket, UUID> entry : sockets.entrySet()) {
            if (!live.contains(entry.getValue())) {
                entry.getKey().revoke(REVOKED);
                closed++;
            }
        }
        if (closed > 0) {
            LOG.info("Closed {} probe socket(s) whose token was revoked", closed);
        }
        return closed;
    }

    public int size() {
        return sockets.size();
    }
}
