package io.scopecloud.control.pipe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.control.probe.TokenSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.jspecify.annotations.Nullable;

/**
 * One end of a pipe on its home instance: a UI or probe websocket, or a bridge from another
 * instance. Reads one message at a time (explicit demand), so a slow reader slows the writer
 * instead of filling memory; writes BINARY frames of at most 1 KiB, as Scope does towards the UI,
 * and accepts frames of either type.
 */
public final class PipeSocket implements Session.Listener, Pipe.Conn, TokenSocket {
    static final int MAX_FRAME = 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Pipe pipe;
    private final End end;
    private final ScheduledExecutorService timer;
    private final Duration pingInterval;
    private final long maxMessageBytes;
    private volatile @Nullable Session session;
    private volatile @Nullable ScheduledFuture<?> pinger;
    private volatile boolean ended;

    public PipeSocket(Pipe pipe, End end, ScheduledExecutorService timer, Duration pingInterval, long maxMessageBytes) {
        this.pipe = requireNonNull(pipe, "pipe is null");
        this.end = requireNonNull(end, "end is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.pingInterval = requireNonNull(pingInterval, "pingInterval is null");
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onWebSocketOpen(Session openSession) {
        session = openSession;
        openSession.setIdleTimeout(Duration.ZERO); // the pipe's own idle rules apply, not Jetty's
        openSession.setMaxBinaryMessageSize(maxMessageBytes);
        openSession.setMaxTextMessageSize(maxMessageBytes);
        if (!pipe.attach(end, this)) {
            openSession.close(StatusCode.NORMAL, "pipe closed", Callback.NOOP);
            return;
        }
        long ms = pingInterval.toMillis();
        pinger = timer.scheduleAtFixedRate(
                () -> openSession.sendPing(EMPTY.duplicate(), Callback.NOOP), ms, ms, TimeUnit.MILLISECONDS);
        openSession.demand();
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        pipe.forward(end, this, payload, () -> {
            callback.succeed();
            demand();
        });
    }

    @Override
    public void onWebSocketText(String message) {
        pipe.forward(end, this, ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), this::demand);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        end();
        callback.succeed();
    }

    @Override
    public void send(ByteBuffer data, Runnable done) {
        Session s = session;
        if (s == null || !s.isOpen() || !data.hasRemaining()) {
            done.run();
            return;
        }
        // All chunks are queued at once (Jetty keeps their order); done runs when the last is out.
        int chunks = (data.remaining() + MAX_FRAME - 1) / MAX_FRAME;
        AtomicInteger remaining = new AtomicInteger(chunks);
        Runnable one = () -> {
            if (remaining.decrementAndGet() == 0) {
                done.run();
            }
        };
        Callback callback = Callback.from(one, error -> one.run());
        for (int offset = data.position(); offset < data.limit(); offset += MAX_FRAME) {
            int length = Math.min(MAX_FRAME, data.limit() - offset);
            s.sendBinary(data.slice(offset, length), callback);
        }
    }

    @Override
    public void close(String reason) {
        Session s = session;
        if (s != null) {
            s.close(StatusCode.NORMAL, reason, Callback.NOOP);
        }
    }

    private void demand() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.demand();
        }
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public void revoke(String reason) {
        Session s = session;
        if (s != null) {
            s.close(StatusCode.POLICY_VIOLATION, reason, Callback.NOOP);
        }
    }

    private void end() {
        ended = true;
        ScheduledFuture<?> p = pinger;
        if (p != null) {
            p.cancel(false);
        }
        pipe.detach(end, this);
    }
}
