package io.scopecloud.query.live;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A topology websocket for an org another instance owns: opens the same websocket on the owner
 * and relays its messages to the browser, and the close either way. The owner's next message is
 * read only once the last has gone to the browser, so a slow browser slows the owner's socket
 * (which then sends fewer, larger diffs) instead of filling this instance's memory.
 */
public final class RelaySocket extends Session.Listener.AbstractAutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(RelaySocket.class);

    private final HttpClient http;
    private final URI target;
    private final Map<String, String> headers;
    private volatile @Nullable WebSocket upstream;

    RelaySocket(HttpClient http, URI target, Map<String, String> headers) {
        this.http = requireNonNull(http, "http is null");
        this.target = requireNonNull(target, "target is null");
        this.headers = Map.copyOf(headers);
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        WebSocket.Builder builder = http.newWebSocketBuilder();
        headers.forEach(builder::header);
        builder.buildAsync(target, new Upstream(session))
                .thenAccept(ws -> upstream = ws)
                .exceptionally(error -> {
                    LOG.warn("Cannot relay {} to its owner: {}", target, error.toString());
                    session.close(1011, "the instance serving this organisation did not answer", Callback.NOOP);
                    return null;
                });
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        WebSocket ws = upstream;
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        super.onWebSocketClose(statusCode, reason, callback);
    }

    private static final class Upstream implements WebSocket.Listener {
        private final Session session;
        private final StringBuilder partial = new StringBuilder();

        Upstream(Session session) {
            this.session = session;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                CompletableFuture<Void> sent = new CompletableFuture<>();
                session.sendText(
                        message,
                        Callback.from(
                                () -> {
                                    sent.complete(null);
                                    ws.request(1);
                                },
                                sent::completeExceptionally));
                return sent;
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            session.close(statusCode, reason, Callback.NOOP);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            session.close(1011, "relay failed", Callback.NOOP);
        }
    }
}
