package io.scopecloud.control;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One end of a pipe as a test sees it: a websocket that records the bytes and frames it receives. */
final class PipeEnd implements WebSocket.Listener, AutoCloseable {
    /** The status of the close frame the service sent, or -1. */
    volatile int closeStatus = -1;

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final List<Integer> frameSizes = new CopyOnWriteArrayList<>();
    final List<String> frameTypes = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile WebSocket webSocket;

    static PipeEnd open(String url, Map<String, String> headers) throws Exception {
        PipeEnd end = new PipeEnd();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        end.webSocket = builder.buildAsync(URI.create(url.replace("http://", "ws://")), end)
                .get(10, TimeUnit.SECONDS);
        return end;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        frameSizes.add(data.remaining());
        frameTypes.add("binary");
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        synchronized (bytes) {
            bytes.writeBytes(chunk);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        frameTypes.add("text");
        synchronized (bytes) {
            bytes.writeBytes(data.toString().getBytes(StandardCharsets.UTF_8));
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closeStatus = statusCode;
        closed.countDown();
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        closed.countDown();
    }

    void sendText(String text) {
        webSocket.sendText(text, true).join();
    }

    void sendBinary(byte[] data) {
        webSocket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until what was received contains {@code expected}. */
    void awaitText(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!text().contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never received " + expected + "; got " + text());
            }
            Thread.sleep(10);
        }
    }

    boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        try {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
        webSocket.abort();
    }
}
