package io.scopecloud.control.pipe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.control.probe.TokenSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An end of a pipe that connected to an instance other than the pipe's home: relays its websocket
 * to the home instance over an internal websocket, one message at a time in each direction, and
 * closes one side when the other closes.
 */
public final class PipeBridge implements Session.Listener, WebSocket.Listener, AutoCloseable, TokenSocket {
    private static final Logger LOG = LoggerFactory.getLogger(PipeBridge.class);

    private final long maxMessageBytes;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable Session session;
    private volatile @Nullable WebSocket upstream;

    private PipeBridge(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Opens the internal websocket to the home instance; the external side opens after. */
    public static PipeBridge connect(
            HttpClient http, URI uri, String secretHeader, String secret, Duration timeout, long maxMessageBytes)
            throws Exception {
        PipeBridge bridge = new PipeBridge(maxMessageBytes);
        bridge.upstream = http.newWebSocketBuilder()
                .connectTimeout(timeout)
                .header(secretHeader, secret)
                .buildAsync(uri, bridge)
                .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        return bridge;
    }

    // The external websocket (UI or probe), served by Jetty.

    @Override
    public void onWebSocketOpen(Session openSession) {
        session = openSession;
        openSession.setIdleTimeout(Duration.ZERO);
        openSession.setMaxBinaryMessageSize(maxMessageBytes);
        openSession.setMaxTextMessageSize(maxMessageBytes);
        WebSocket up = requireNonNull(upstream, "upstream is null");
        if (up.isInputClosed()) {
            openSession.close(StatusCode.NORMAL, "pipe closed", Callback.NOOP);
            return;
        }
        up.request(1);
        openSession.demand();
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        requireNonNull(upstream)
                .sendBinary(payload, true)
                .whenComplete((ws, error) -> {
                    callback.succeed();
                    if (error == null) {
                        demand();
                    } else {
                        closeBoth(StatusCode.SERVER_ERROR, "pipe relay failed");
                    }
                })
                .exceptionally(PipeBridge::relayFailed);
    }

    @Override
    public void onWebSocketText(String message) {
        ByteBuffer bytes = ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8));
        requireNonNull(upstream)
                .sendBinary(bytes, true)
                .whenComplete((ws, error) -> {
                    if (error == null) {
                        demand();
                    } else {
                        closeBoth(StatusCode.SERVER_ERROR, "pipe relay failed");
                    }
                })
                .exceptionally(PipeBridge::relayFailed);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closeBoth(StatusCode.NORMAL, "");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closeBoth(StatusCode.NORMAL, "");
        callback.succeed();
    }

    // The internal websocket to the pipe's home instance (JDK client).

    @Override
    public void onOpen(WebSocket webSocket) {
        // Nothing is requested until the external side is open.
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        Session s = session;
        CompletableFuture<Void> written = new CompletableFuture<>();
        if (s == null || !s.isOpen()) {
            written.complete(null);
            return written;
        }
        s.sendBinary(
                data,
                Callback.from(
                        () -> {
                            written.complete(null);
                            webSocket.request(1);
                        },
                        error -> {
                            written.complete(null);
                            closeBoth(StatusCode.NORMAL, "");
                        }));
        return written;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        webSocket.request(1); // the home instance only sends binary
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeBoth(statusCode, reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeBoth(StatusCode.SERVER_ERROR, "pipe relay failed");
    }

    /** Drops the internal websocket if the external one never opened. */
    @Override
    public void close() {
        closeBoth(StatusCode.NORMAL, "");
    }

    /** Logs why relaying a message failed; on a failed send the handler before it closed both sides. */
    private static @Nullable WebSocket relayFailed(Throwable error) {
        LOG.debug("Pipe bridge: relaying a message failed: {}", error.toString());
        return null;
    }

    private void demand() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.demand();
        }
    }

    @Override
    public boolean ended() {
        return closed.get();
    }

    @Override
    public void revoke(String reason) {
        closeBoth(StatusCode.POLICY_VIOLATION, reason);
    }

    private void closeBoth(int statusCode, String reason) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(
                    statusCode == StatusCode.SERVER_ERROR || statusCode == StatusCode.POLICY_VIOLATION
                            ? statusCode
                            : StatusCode.NORMAL,
                    reason,
                    Callback.NOOP);
        }
        WebSocket up = upstream;
        if (up != null && !up.isOutputClosed()) {
            up.sendClose(WebSocket.NORMAL_CLOSURE, "")
                    .orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((w, e) -> up.abort()) // closed or not, the connection goes
                    .exceptionally(error -> {
                        LOG.debug("Pipe bridge: closing the internal websocket failed: {}", error.toString());
                        return null;
                    });
        }
    }
}
