package io.scopecloud.query.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A topology websocket opened with a bearer token, its text frames queued whole as they arrive. */
final class TopologyFrames implements AutoCloseable {
    private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private TopologyFrames(HttpClient http, URI uri, String token) throws Exception {
        this.socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(uri, new Collector())
                .get(10, TimeUnit.SECONDS);
    }

    static TopologyFrames open(HttpClient http, URI uri, String token) throws Exception {
        return new TopologyFrames(http, uri, token);
    }

    /** The next whole frame, or null after {@code seconds}. */
    String next(long seconds) throws InterruptedException {
        return frames.poll(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    }

    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            w.request(1);
            return null;
        }
    }
}
