package io.scopecloud.probe.control;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.net.ProbeIdentity;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link ControlLink} on the JDK's {@link WebSocket} client: dials
 * {@code ws(s)://<service>/api/control/ws} with the probe's headers, reassembles fragmented TEXT
 * messages, and serialises sends because the JDK allows one outstanding send at a time. The JDK
 * answers the service's pings itself.
 */
public final class JdkWebSocketControlLink implements ControlLink {
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(12);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final URI uri;
    private final ProbeIdentity identity;

    public JdkWebSocketControlLink(HttpClient client, URI serviceUrl, ProbeIdentity identity) {
        this.client = requireNonNull(client, "client is null");
        this.uri = controlUri(requireNonNull(serviceUrl, "serviceUrl is null"));
        this.identity = requireNonNull(identity, "identity is null");
    }

    /** {@code http://host/base} becomes {@code ws://host/base/api/control/ws}. */
    static URI controlUri(URI serviceUrl) {
        String scheme = "https".equalsIgnoreCase(serviceUrl.getScheme()) ? "wss" : "ws";
        String path = serviceUrl.getRawPath() == null ? "" : serviceUrl.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = serviceUrl.getRawAuthority();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1); // credentials travel in the Authorization header
        }
        return URI.create(scheme + "://" + authority + path + "/api/control/ws");
    }

    public URI uri() {
        return uri;
    }

    @Override
    public Session open(Listener listener) throws IOException, InterruptedException {
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(HANDSHAKE_TIMEOUT);
        for (Map.Entry<String, String> header : identity.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        builder.header("User-Agent", identity.userAgent());
        Adapter adapter = new Adapter(listener);
        try {
            builder.buildAsync(uri, adapter).get(HANDSHAKE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof WebSocketHandshakeException handshake) {
                int status = handshake.getResponse().statusCode();
                throw new HandshakeRejectedException(status, "HTTP " + status + " from " + uri);
            }
            if (cause instanceof java.net.ConnectException) {
                throw new IOException("cannot reach " + uri + " (connection refused)", cause);
            }
            String reason =
                    cause == null ? e.toString() : cause.getMessage() == null ? cause.toString() : cause.getMessage();
            throw new IOException("cannot open " + uri + ": " + reason, cause);
        } catch (TimeoutException e) {
            throw new IOException("timed out opening " + uri, e);
        }
        return adapter.session;
    }

    /** Bridges the JDK's listener to ours. */
    private static final class Adapter implements WebSocket.Listener {
        private final Listener listener;
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile JdkSession session;

        Adapter(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            session = new JdkSession(webSocket, this);
            listener.onOpen(session);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                listener.onText(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1); // the protocol has no binary frames; ignore them
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            listener.onPong();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed("closed by the service (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed("error: " + error);
        }

        void closed(String reason) {
            if (closed.compareAndSet(false, true)) {
                listener.onClosed(reason);
            }
        }
    }

    /** One open websocket. */
    private static final class JdkSession implements Session {
        private final WebSocket webSocket;
        private final Adapter adapter;

        JdkSession(WebSocket webSocket, Adapter adapter) {
            this.webSocket = webSocket;
            this.adapter = adapter;
        }

        @Override
        public synchronized void sendText(String text) throws IOException {
            await(webSocket.sendText(text, true));
        }

        @Override
        public synchronized void ping() throws IOException {
            await(webSocket.sendPing(ByteBuffer.allocate(0)));
        }

        @Override
        public void close() {
            try {
                if (!webSocket.isOutputClosed()) {
                    webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
                }
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                // closing anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            webSocket.abort();
            adapter.closed("closed by the probe");
        }

        private static void await(java.util.concurrent.CompletableFuture<WebSocket> send) throws IOException {
            try {
                send.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IOException("websocket write failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("websocket write timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing", e);
            }
        }
    }
}
