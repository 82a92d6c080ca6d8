package io.scopecloud.query.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A topology websocket opened with a bearer token, its text frames queued whole as they arrive. */
final class TopologyFrames implements AutoCloseable {
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final Collector collector = new Collector();
    private final WebSocket socket;

    private TopologyFrames(HttpClient http, URI uri, String token) throws Exception {
        this.socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, collector)
                .get(10, TimeUnit.SECONDS);
    }

    static TopologyFrames open(HttpClient http, URI uri, String token) throws Exception {
        return new TopologyFrames(http, uri, token);
    }

    /**
     * Opened on a connection of its own whose socket receive buffer is fixed at {@code bytes}, so
     * that how much a {@link #pause paused} reader's connection holds does not depend on the
     * kernel's autotuning (a {@code tcp_rmem} maximum of 32 MiB holds a dozen 3 MB diffs).
     */
    static TopologyFrames openWithReceiveBuffer(URI uri, String token, int bytes) throws Exception {
        // The JDK's client reads this property each time it connects. Another connection made by
        // this JVM while it is set gets the same buffer, which only slows it a little.
        synchronized (TopologyFrames.class) {
            String property = "jdk.httpclient.receiveBufferSize";
            String before = System.getProperty(property);
            System.setProperty(property, Integer.toString(bytes));
            try {
                return new TopologyFrames(HttpClient.newHttpClient(), uri, token);
            } finally {
                if (before == null) {
                    System.clearProperty(property);
                } else {
                    System.setProperty(property, before);
                }
            }
        }
    }

    /** The next whole frame, or null after {@code seconds}. */
    String next(long seconds) throws InterruptedException {
        return frames.poll(seconds, TimeUnit.SECONDS);
    }

    /** Reads no more frames after the next one (the server's sends back up) until {@link #resume}. */
    void pause() {
        collector.pause();
    }

    void resume() {
        collector.resume(socket);
    }

    /** The status code the server closed with, or empty if it has not within {@code max}. */
    Optional<Integer> awaitClose(Duration max) throws InterruptedException, ExecutionException {
        try {
            return Optional.of(closed.get(max.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws Exception {
        if (closed.isDone()) {
            return;
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private boolean paused;
        private boolean owed;

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
                synchronized (this) {
                    if (paused) {
                        owed = true;
                        return null;
                    }
                }
            }
            w.request(1);
            return null;
        }

        synchronized void pause() {
            paused = true;
        }

        void resume(WebSocket w) {
            synchronized (this) {
                paused = false;
                if (!owed) {
                    return;
                }
                owed = false;
            }
            w.request(1);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }
    }
}
