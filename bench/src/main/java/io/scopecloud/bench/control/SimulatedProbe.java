package io.scopecloud.bench.control;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A probe's control connection as Weave Scope's probe holds it (scope-contract §3): the JDK
 * websocket client with the probe's headers, answering every call at once with a two-frame
 * response carrying the request's Seq. Sends are chained, never blocking the client's threads.
 */
final class SimulatedProbe implements WebSocket.Listener {
    private static final Pattern SEQ = Pattern.compile("\"Seq\":(\\d+)");
    private static final String ANSWER = "{\"Request\":null,\"Response\":null,\"Value\":{\"value\":\"ok\"}}";

    private final StringBuilder partial = new StringBuilder();
    private String pendingSeq;
    private CompletableFuture<WebSocket> sending;
    private WebSocket webSocket;

    static CompletableFuture<SimulatedProbe> connect(HttpClient http, String base, String token, String probeId) {
        SimulatedProbe probe = new SimulatedProbe();
        return http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(30))
                .header("Authorization", "Scope-Probe token=" + requireNonNull(token))
                .header("X-Scope-Probe-ID", probeId)
                .header("X-Scope-Probe-Version", "bench")
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/api/control/ws"), probe)
                .thenApply(ws -> {
                    probe.webSocket = ws;
                    probe.sending = CompletableFuture.completedFuture(ws);
                    return probe;
                });
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            if (pendingSeq == null) {
                Matcher m = SEQ.matcher(frame);
                if (!m.find()) {
                    throw new IllegalStateException("request header without Seq: " + frame);
                }
                pendingSeq = m.group(1);
            } else {
                answer(pendingSeq);
                pendingSeq = null;
            }
        }
        ws.request(1);
        return null;
    }

    private synchronized void answer(String seq) {
        String header = "{\"Request\":null,\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":" + seq
                + ",\"Error\":\"\"},\"Value\":null}";
        sending = sending.thenCompose(ws -> ws.sendText(header, true)).thenCompose(ws -> ws.sendText(ANSWER, true));
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        ws.request(1);
        return null;
    }

    void close() {
        webSocket.abort();
    }
}
