package io.scopecloud.control.pipe;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One pipe on its home instance: at most one connection per end (a newer one replaces the older),
 * and bytes relayed between them like an unbuffered pipe. A message for an end that has no
 * connection yet waits, and its sender reads nothing more until it is delivered, so nothing is
 * lost and nothing piles up. A pipe closes when either end has had no connection for the idle
 * time, or when deleted; closing closes both connections. Thread-safe.
 */
public final class Pipe {
    /** A connection at one end: what the pipe writes to and closes. */
    public interface Conn {
        /** Writes {@code data}; runs {@code done} once it is written (or could not be). */
        void send(ByteBuffer data, Runnable done);

        void close(String reason);
    }

    private final PipeKey key;
    private final LongSupplier nanoTime;
    private final Slot ui;
    private final Slot probe;
    private boolean closed;
    private long closedAtNanos;

    public Pipe(PipeKey key, LongSupplier nanoTime) {
        this.key = requireNonNull(key, "key is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        long now = nanoTime.getAsLong();
        this.ui = new Slot(now);
        this.probe = new Slot(now);
    }

    public PipeKey key() {
        return key;
    }

    /** Connects {@code conn} at {@code end}; false (and nothing changes) if the pipe is closed. */
    public boolean attach(End end, Conn conn) {
        Conn replaced;
        Parked forNewConn;
        Parked dropped;
        synchronized (this) {
            if (closed) {
                return false;
            }
            Slot slot = slot(end);
            replaced = slot.conn;
            slot.conn = conn;
            dropped = replaced == null ? null : slot(end.other()).takeFrom(replaced);
            forNewConn = slot.parked;
            slot.parked = null;
        }
        if (replaced != null) {
            replaced.close("replaced by a newer connection");
        }
        if (dropped != null) {
            dropped.done().run();
        }
        if (forNewConn != null) {
            conn.send(forNewConn.data(), forNewConn.done());
        }
        return true;
    }

    /** {@code conn} at {@code end} went away; the end's idle time starts now. */
    public void detach(End end, Conn conn) {
        Parked dropped;
        synchronized (this) {
            Slot slot = slot(end);
            if (slot.conn != conn) {
                return;
            }
            slot.conn = null;
            slot.idleSince = nanoTime.getAsLong();
            dropped = slot(end.other()).takeFrom(conn);
        }
        if (dropped != null) {
            dropped.done().run();
        }
    }

    /**
     * Relays a message from {@code sender} at {@code from} to the other end; {@code done} runs when
     * it is written there (the sender then reads its next message).
     */
    public void forward(End from, Conn sender, ByteBuffer data, Runnable done) {
        Conn target;
        synchronized (this) {
            if (closed || slot(from).conn != sender) {
                target = null;
            } else {
                Slot to = slot(from.other());
                target = to.conn;
                if (target == null) {
                    to.parked = new Parked(sender, data, done);
                    return;
                }
            }
        }
        if (target == null) {
            done.run(); // a closed pipe swallows writes
            return;
        }
        target.send(data, done);
    }

    /** True if the pipe is open and either end has had no connection for {@code idle}. */
    public boolean idleFor(Duration idle) {
        long now = nanoTime.getAsLong();
        synchronized (this) {
            return !closed && (ui.idleFor(now, idle) || probe.idleFor(now, idle));
        }
    }

    /** Closes both ends; true if this call closed it. */
    public boolean close() {
        List<Conn> conns = new ArrayList<>(2);
        List<Parked> parked = new ArrayList<>(2);
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
            closedAtNanos = nanoTime.getAsLong();
            for (Slot slot : List.of(ui, probe)) {
                if (slot.conn != null) {
                    conns.add(slot.conn);
                    slot.conn = null;
                }
                if (slot.parked != null) {
                    parked.add(slot.parked);
                    slot.parked = null;
                }
            }
        }
        parked.forEach(p -> p.done().run());
        conns.forEach(c -> c.close("pipe closed"));
        return true;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    /** True once the pipe has been closed for at least {@code tombstone}. */
    public synchronized boolean closedFor(Duration tombstone) {
        return closed && nanoTime.getAsLong() - closedAtNanos >= tombstone.toNanos();
    }

    private Slot slot(End end) {
        return end == End.UI ? ui : probe;
    }

    private static final class Slot {
        @Nullable
        Conn conn;

        long idleSince;
        /** A message waiting for this end to connect. */
        @Nullable
        Parked parked;

        Slot(long now) {
            this.idleSince = now;
        }

        boolean idleFor(long now, Duration idle) {
            return conn == null && now - idleSince >= idle.toNanos();
        }

        @Nullable
        Parked takeFrom(Conn sender) {
            Parked p = parked;
            if (p != null && p.from() == sender) {
                parked = null;
                return p;
            }
            return null;
        }
    }

    private record Parked(Conn from, ByteBuffer data, Runnable done) {}
}
