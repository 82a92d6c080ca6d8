package io.scopecloud.probe.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written {@link ControlLink}: each {@link #open} hands out a {@link FakeSession} the test
 * drives (frames in) and inspects (frames, pings out). Opens can be scripted to fail.
 */
final class FakeControlLink implements ControlLink {
    final BlockingQueue<FakeSession> sessions = new LinkedBlockingQueue<>();
    private final List<IOException> failures = new ArrayList<>();
    volatile int opens;

    synchronized FakeControlLink failNextOpen(IOException e) {
        failures.add(e);
        return this;
    }

    @Override
    public Session open(Listener listener) throws IOException {
        synchronized (this) {
            opens++;
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
        }
        FakeSession session = new FakeSession(listener);
        listener.onOpen(session);
        sessions.add(session);
        return session;
    }

    FakeSession nextSession() throws InterruptedException {
        FakeSession session = sessions.poll(5, TimeUnit.SECONDS);
        if (session == null) {
            throw new AssertionError("no control connection was opened");
        }
        return session;
    }

    static final class FakeSession implements Session {
        final Listener listener;
        final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
        final AtomicInteger pings = new AtomicInteger();
        volatile boolean closed;

        FakeSession(Listener listener) {
            this.listener = listener;
        }

        /** The app sends a frame. */
        void receive(String frame) {
            listener.onText(frame);
        }

        String nextSent() throws InterruptedException {
            String frame = sent.poll(5, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("the probe sent nothing");
            }
            return frame;
        }

        /** The app hangs up. */
        void drop() {
            closed = true;
            listener.onClosed("dropped by the test");
        }

        @Override
        public void sendText(String text) throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            sent.add(text);
        }

        @Override
        public void ping() {
            pings.incrementAndGet();
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                listener.onClosed("closed by the probe");
            }
        }
    }
}
