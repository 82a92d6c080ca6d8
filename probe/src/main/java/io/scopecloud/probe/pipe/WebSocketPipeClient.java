package io.scopecloud.probe.pipe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.net.Backoff;
import io.scopecloud.probe.net.ProbeIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipes over the JDK's websocket client, as Scope's app client opens them: the probe dials
 * {@code ws(s)://<service>/api/pipe/<id>/probe} with its usual headers and relays bytes, output
 * as BINARY frames of at most 1 KiB and anything the service sends (text or binary) as input. A
 * dropped connection is dialled again with backoff; a 404 means the pipe was closed (by the UI or
 * because nobody connected in time) and ends it, as does a minute without a connection. Closing a
 * pipe closes its end and tells the service ({@code DELETE /api/pipe/<id>}).
 */
public final class WebSocketPipeClient implements PipeClient {
    private static final Logger log = LoggerFactory.getLogger(WebSocketPipeClient.class);

    static final int FRAME_BYTES = 1024;
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(12);
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    static final Duration GIVE_UP = Duration.ofMinutes(1);

    private final HttpClient http;
    private final URI serviceUrl;
    private final ProbeIdentity identity;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Pipe> pipes = new ConcurrentHashMap<>();

    public WebSocketPipeClient(HttpClient http, URI serviceUrl, ProbeIdentity identity) {
        this.http = requireNonNull(http, "http is null");
        this.serviceUrl = requireNonNull(serviceUrl, "serviceUrl is null");
        this.identity = requireNonNull(identity, "identity is null");
    }

    @Override
    public String open(String appId, PipeEnd end, Runnable onClose) {
        requireNonNull(end, "end is null");
        requireNonNull(onClose, "onClose is null");
        String id = "pipe-" + (random.nextLong() & Long.MAX_VALUE);
        Pipe pipe = new Pipe(id, end, onClose);
        pipes.put(id, pipe);
        Thread thread = new Thread(pipe::connectLoop, "scope-" + id);
        thread.setDaemon(true);
        thread.start();
        log.info("pipe {} opened", id);
        return id;
    }

    @Override
    public void close(String pipeId) {
        Pipe pipe = pipes.get(pipeId);
        if (pipe != null) {
            pipe.close("closed by the probe");
        }
    }

    /** Closes every pipe (the probe is stopping). */
    public void closeAll() {
        for (Pipe pipe : pipes.values()) {
            pipe.close("the probe is stopping");
        }
    }

    /** How many pipes are open. */
    public int openPipes() {
        return pipes.size();
    }

    /** {@code http://host/base} and a path become {@code ws://host/base<path>}, without credentials. */
    static URI websocketUri(URI serviceUrl, String path) {
        String scheme = "https".equalsIgnoreCase(serviceUrl.getScheme()) ? "wss" : "ws";
        String base = serviceUrl.getRawPath() == null ? "" : serviceUrl.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String authority = serviceUrl.getRawAuthority();
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        return URI.create(scheme + "://" + authority + base + path);
    }

    static URI httpUri(URI serviceUrl, String path) {
        String base = serviceUrl.getRawPath() == null ? "" : serviceUrl.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String authority = serviceUrl.getRawAuthority();
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        return URI.create(serviceUrl.getScheme() + "://" + authority + base + path);
    }

    /** One pipe: its connection loop, the pump from the end to the websocket, and the listener. */
    private final class Pipe implements WebSocket.Listener {
        private final String id;
        private final PipeEnd end;
        private final Runnable onClose;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final Object lock = new Object();
        private volatile WebSocket socket;
        private volatile CompletableFuture<String> ended = new CompletableFuture<>();
        private Thread pump;

        Pipe(String id, PipeEnd end, Runnable onClose) {
            this.id = id;
            this.end = end;
            this.onClose = onClose;
        }

        void connectLoop() {
            URI uri = websocketUri(serviceUrl, "/api/pipe/" + id + "/probe");
            Backoff backoff =
                    new Backoff(Duration.ofMillis(250), Duration.ofSeconds(10), 0.2, () -> ThreadLocalRandom.current()
                            .nextDouble());
            long disconnectedSince = System.nanoTime();
            String reason = "closed";
            while (!closed.get()) {
                try {
                    ended = new CompletableFuture<>();
                    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(HANDSHAKE_TIMEOUT);
                    identity.headers().forEach(builder::header);
                    builder.header("User-Agent", identity.userAgent());
                    WebSocket ws = builder.buildAsync(uri, this)
                            .get(HANDSHAKE_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
                    synchronized (lock) {
                        socket = ws;
                        lock.notifyAll();
                    }
                    backoff.reset();
                    startPump();
                    String why = ended.get();
                    synchronized (lock) {
                        socket = null;
                    }
                    disconnectedSince = System.nanoTime();
                    log.debug("pipe {}: connection ended ({})", id, why);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof WebSocketHandshakeException handshake
                            && handshake.getResponse().statusCode() == 404) {
                        reason = "closed by the service";
                        break;
                    }
                    log.debug("pipe {}: cannot connect to {}: {}", id, uri, e.getCause());
                } catch (TimeoutException e) {
                    log.debug("pipe {}: timed out connecting to {}", id, uri);
                } catch (InterruptedException e) {
                    reason = "interrupted";
                    break;
                }
                if (closed.get()) {
                    break;
                }
                if (System.nanoTime() - disconnectedSince > GIVE_UP.toNanos()) {
                    reason = "no connection to the service for " + GIVE_UP.toSeconds() + " s";
                    break;
                }
                try {
                    Thread.sleep(backoff.nextDelay().toMillis());
                } catch (InterruptedException e) {
                    reason = "interrupted";
                    break;
                }
            }
            close(reason);
        }

        private void startPump() {
            synchronized (lock) {
                if (pump != null) {
                    return;
                }
                pump = new Thread(this::pumpOutput, "scope-" + id + "-out");
                pump.setDaemon(true);
                pump.start();
            }
        }

        /** Copies the end's output to the websocket in frames of at most 1 KiB. */
        private void pumpOutput() {
            byte[] buffer = new byte[FRAME_BYTES];
            String reason = "the local end finished";
            try {
                InputStream output = end.output();
                int n;
                while (!closed.get() && (n = output.read(buffer)) >= 0) {
                    if (n > 0) {
                        send(Arrays.copyOf(buffer, n));
                    }
                }
            } catch (IOException e) {
                reason = closed.get() ? "closed" : "the local end failed: " + e.getMessage();
            } catch (InterruptedException e) {
                reason = "interrupted";
            }
            close(reason);
        }

        /** Sends one frame on the current connection, waiting for one if the pipe is reconnecting. */
        private void send(byte[] frame) throws InterruptedException {
            WebSocket ws;
            synchronized (lock) {
                while ((ws = socket) == null && !closed.get()) {
                    lock.wait(1_000);
                }
            }
            if (ws == null) {
                return;
            }
            try {
                ws.sendBinary(ByteBuffer.wrap(frame), true).get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                log.debug("pipe {}: send failed: {}", id, e.toString());
                ws.abort();
            }
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            input(bytes);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            input(data.toString().getBytes(StandardCharsets.UTF_8));
            webSocket.request(1);
            return null;
        }

        private void input(byte[] bytes) {
            if (bytes.length == 0 || closed.get()) {
                return;
            }
            try {
                end.write(bytes, 0, bytes.length);
            } catch (IOException e) {
                log.debug("pipe {}: cannot write to the local end: {}", id, e.toString());
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete("closed by the service (" + statusCode + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.complete("error: " + error);
        }

        void close(String reason) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            pipes.remove(id);
            log.info("pipe {} closed: {}", id, reason);
            try {
                end.close();
            } catch (RuntimeException e) {
                log.debug("pipe {}: closing the local end failed: {}", id, e.toString());
            }
            WebSocket ws;
            synchronized (lock) {
                ws = socket;
                socket = null;
                lock.notifyAll();
            }
            if (ws != null) {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "")
                        .orTimeout(1, TimeUnit.SECONDS)
                        .whenComplete((w, t) -> ws.abort()) // closed or not, the connection goes
                        .exceptionally(e -> {
                            log.debug("pipe {}: closing the websocket failed: {}", id, e.toString());
                            return null;
                        });
            }
            ended.complete("closed");
            deleteOnService();
            try {
                onClose.run();
            } catch (RuntimeException e) {
                log.debug("pipe {}: close callback failed: {}", id, e.toString());
            }
        }

        private void deleteOnService() {
            HttpRequest.Builder request = HttpRequest.newBuilder(httpUri(serviceUrl, "/api/pipe/" + id))
                    .timeout(Duration.ofSeconds(5))
                    .DELETE()
                    .header("User-Agent", identity.userAgent());
            identity.headers().forEach(request::header);
            http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .exceptionally(error -> {
                        log.debug("pipe {}: DELETE failed: {}", id, error.toString());
                        return null;
                    });
        }
    }
}
