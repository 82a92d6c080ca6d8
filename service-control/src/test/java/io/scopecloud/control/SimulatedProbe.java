package io.scopecloud.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A probe's control connection, written from scope-contract §3 alone (not from the service's
 * code): the JDK websocket client with the probe's headers, answering each two-frame request with
 * a two-frame response carrying the same Seq, concurrently, as an unmodified Scope probe does.
 */
final class SimulatedProbe implements WebSocket.Listener, AutoCloseable {
    /** The status of the close frame the service sent, or -1. */
    volatile int closeStatus = -1;

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Answers a request (its {@code Value}: AppID, NodeID, Control, ControlArgs) with a Response. */
    interface Handler extends Function<JsonNode, CompletableFuture<JsonNode>> {}

    final List<String> received = new CopyOnWriteArrayList<>();
    final CountDownLatch closed = new CountDownLatch(1);
    private final Handler handler;
    private final StringBuilder partial = new StringBuilder();
    private final Object sendLock = new Object();
    private volatile WebSocket webSocket;
    private String pendingSeq; // a request header was read; its body comes next

    private SimulatedProbe(Handler handler) {
        this.handler = handler;
    }

    static SimulatedProbe connect(String base, String token, String probeId, Handler handler) throws Exception {
        SimulatedProbe probe = new SimulatedProbe(handler);
        probe.webSocket = HTTP.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .header("Authorization", "Scope-Probe token=" + token)
                .header("X-Scope-Probe-ID", probeId)
                .header("X-Scope-Probe-Version", "1.13.2")
                .buildAsync(URI.create(base.replace("http://", "ws://") + "/api/control/ws"), probe)
                .get(10, TimeUnit.SECONDS);
        return probe;
    }

    /** Echoes what it was asked in {@code value}; answers Scope's error for {@code no_such_control}. */
    static Handler echo() {
        return request -> {
            ObjectNode response = JSON.createObjectNode();
            String control = request.path("Control").asText();
            if (control.equals("no_such_control")) {
                response.put("error", "Control \"" + control + "\" not recognised");
            } else {
                response.set("value", request);
            }
            return CompletableFuture.completedFuture(response);
        };
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            received.add(text);
            handleFrame(text);
        }
        ws.request(1);
        return null;
    }

    private void handleFrame(String text) {
        try {
            JsonNode frame = JSON.readTree(text);
            if (pendingSeq == null) {
                JsonNode header = frame.get("Request");
                if (!"control.Handle".equals(header.path("ServiceMethod").asText())) {
                    throw new IllegalStateException("unexpected method in " + text);
                }
                pendingSeq = header.get("Seq").bigIntegerValue().toString();
                return;
            }
            String seq = pendingSeq;
            pendingSeq = null;
            handler.apply(frame.get("Value"))
                    .thenAccept(response -> reply(seq, response))
                    .exceptionally(error -> {
                        // unanswered, as by a probe whose control broke: the caller times out, and this says why
                        System.err.println("simulated probe: no answer to request " + seq + ": " + error);
                        return null;
                    });
        } catch (Exception e) {
            throw new IllegalStateException("simulated probe cannot read " + text, e);
        }
    }

    private void reply(String seq, JsonNode response) {
        String header = "{\"Request\":null,\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":" + seq
                + ",\"Error\":\"\"},\"Value\":null}";
        String body = "{\"Request\":null,\"Response\":null,\"Value\":" + response + "}";
        synchronized (sendLock) {
            try {
                webSocket.sendText(header, true).join();
                webSocket.sendText(body, true).join();
            } catch (RuntimeException e) {
                // the connection is gone; nothing to answer
            }
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
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

    /** The process dies: the TCP connection drops without a close frame. */
    void kill() {
        webSocket.abort();
        closed.countDown();
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
