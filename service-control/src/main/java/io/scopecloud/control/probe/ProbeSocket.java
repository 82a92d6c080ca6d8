package io.scopecloud.control.probe;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.ControlRequest;
import io.scopecloud.control.rpc.Outcome;
import io.scopecloud.control.rpc.RpcFrame;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One probe's control connection, with the service as the RPC client (scope-contract §3): each
 * call gets the next Seq and is written as two adjacent TEXT frames; answers arrive as
 * header-then-body pairs in any order and complete the call with the same Seq. Many calls may be
 * outstanding at once. The service pings every {@code pingInterval} and drops a probe it has not
 * heard from for {@code pongTimeout}; when the connection ends, outstanding calls fail at once.
 */
public final class ProbeSocket implements Session.Listener.AutoDemanding, TokenSocket {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeSocket.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** What the registry hears about a connection's life. */
    public interface Events {
        void opened(ProbeSocket socket);

        void closed(ProbeSocket socket);
    }

    private final ProbeKey key;
    private final UUID connectionId;
    private final Instant connectedAt;
    private final Events events;
    private final ScheduledExecutorService timer;
    private final SocketSettings settings;
    private final LongSupplier nanoTime;
    private final PendingCalls pending = new PendingCalls();
    private final AtomicLong nextSeq = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Object sendLock = new Object();
    private volatile @Nullable Session session;
    private volatile long lastHeard;
    private volatile @Nullable ScheduledFuture<?> keepalive;
    private RpcFrame.@Nullable ResponseHeader header; // read thread only: frames arrive one at a time

    public ProbeSocket(
            ProbeKey key,
            UUID connectionId,
            Instant connectedAt,
            Events events,
            ScheduledExecutorService timer,
            SocketSettings settings,
            LongSupplier nanoTime) {
        this.key = requireNonNull(key, "key is null");
        this.connectionId = requireNonNull(connectionId, "connectionId is null");
        this.connectedAt = requireNonNull(connectedAt, "connectedAt is null");
        this.events = requireNonNull(events, "events is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.lastHeard = nanoTime.getAsLong();
    }

    public ProbeKey key() {
        return key;
    }

    public UUID connectionId() {
        return connectionId;
    }

    /** When the probe connected: a later connection of the same probe wins. */
    public Instant connectedAt() {
        return connectedAt;
    }

    /**
     * Sends a call; the future completes with the probe's Response value, or fails with a
     * {@link ControlFailure}. The caller bounds the wait and {@link #abandon}s on timeout.
     */
    public Call call(ControlRequest request) {
        long seq = nextSeq.getAndIncrement();
        CompletableFuture<JsonNode> answer = pending.open(seq);
        Session s = session;
        if (s == null || answer.isDone()) {
            pending.fail(seq, ControlFailure.notConnected(key.probeId()));
            return new Call(seq, answer);
        }
        Callback onFailure = Callback.from(() -> {}, error -> pending.fail(seq, disconnected()));
        synchronized (sendLock) { // a call's two frames must be adjacent on the wire
            s.sendText(RpcFrame.requestHeader(seq), onFailure);
            s.sendText(RpcFrame.requestBody(request), onFailure);
        }
        return new Call(seq, answer);
    }

    /** Forgets a call whose caller stopped waiting; a late answer is then dropped. */
    public void abandon(long seq) {
        pending.abandon(seq);
    }

    /** Closes the connection (another connection of the same probe won, or the service stops). */
    public void close(String reason) {
        Session s = session;
        if (s != null) {
            s.close(StatusCode.NORMAL, reason, Callback.NOOP);
        }
        end();
    }

    @Override
    public boolean ended() {
        return ended.get();
    }

    @Override
    public void revoke(String reason) {
        Session s = session;
        if (s != null) {
            s.close(StatusCode.POLICY_VIOLATION, reason, Callback.NOOP);
            end();
        }
    }

    int outstanding() {
        return pending.size();
    }

    @Override
    public void onWebSocketOpen(Session openSession) {
        openSession.setMaxTextMessageSize(settings.maxMessageBytes());
        // Jetty's own idle timeout is only a backstop: liveness is decided by pongs (keepalive()).
        openSession.setIdleTimeout(settings.pongTimeout().plus(settings.pingInterval()));
        lastHeard = nanoTime.getAsLong();
        session = openSession;
        long period = settings.pingInterval().toMillis();
        keepalive = timer.scheduleAtFixedRate(this::keepalive, period, period, TimeUnit.MILLISECONDS);
        events.opened(this);
    }

    @Override
    public void onWebSocketText(String text) {
        lastHeard = nanoTime.getAsLong();
        RpcFrame frame;
        try {
            frame = RpcFrame.parse(text);
        } catch (RpcFrame.MalformedFrameException e) {
            protocolError(e.getMessage());
            return;
        }
        RpcFrame.ResponseHeader expecting = header;
        if (expecting == null) {
            if (frame instanceof RpcFrame.ResponseHeader h) {
                header = h;
            } else {
                protocolError("expected a response header, got " + abbreviate(text));
            }
            return;
        }
        header = null;
        if (!(frame instanceof RpcFrame.Body body)) {
            protocolError("expected a response body, got " + abbreviate(text));
            return;
        }
        if (expecting.error().isEmpty()) {
            pending.complete(expecting.seq(), body.value());
        } else {
            pending.fail(expecting.seq(), new ControlFailure(Outcome.FAILED, expecting.error()));
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        lastHeard = nanoTime.getAsLong();
        callback.succeed(); // not part of the protocol; ignored as Scope does
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastHeard = nanoTime.getAsLong();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Control connection of probe {} failed: {}", key.probeId(), cause.toString());
        end();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        end();
        callback.succeed();
    }

    void keepalive() {
        Session s = session;
        if (s == null || ended.get()) {
            return;
        }
        long silentNanos = nanoTime.getAsLong() - lastHeard;
        if (silentNanos > settings.pongTimeout().toNanos()) {
            LOG.info(
                    "Dropping probe {}: nothing heard for {} s",
                    key.probeId(),
                    TimeUnit.NANOSECONDS.toSeconds(silentNanos));
            s.disconnect();
            end();
            return;
        }
        s.sendPing(EMPTY.duplicate(), Callback.NOOP);
    }

    private void protocolError(String message) {
        LOG.warn("Closing the control connection of probe {}: {}", key.probeId(), message);
        Session s = session;
        if (s != null) {
            s.close(StatusCode.PROTOCOL, "malformed control frame", Callback.NOOP);
        }
        end();
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> k = keepalive;
        if (k != null) {
            k.cancel(false);
        }
        pending.closeAll(this::disconnected);
        if (session != null) {
            events.closed(this);
        }
    }

    private ControlFailure disconnected() {
        return ControlFailure.disconnected(key.probeId());
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** An outstanding call: its Seq, to abandon it, and its answer. */
    public record Call(long seq, CompletableFuture<JsonNode> answer) {}

    @Override
    public String toString() {
        return "ProbeSocket[" + key.probeId() + " " + connectionId + "]";
    }
}
