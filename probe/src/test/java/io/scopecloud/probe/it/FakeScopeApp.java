package io.scopecloud.probe.it;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.WireFormat;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Scope's app for tests, on Jetty 12: takes {@code POST /api/report} (decoding and keeping each
 * report and its headers) and {@code /api/control/ws} from probes presenting the expected token
 * (401 otherwise), and lets the test send control frames and read what the probe sent. Pipes:
 * the probe's end ({@code /api/pipe/<id>/probe}) is kept for the test to play the UI on, and
 * {@code DELETE /api/pipe/<id>} is recorded.
 */
public final class FakeScopeApp {
    static final String APP_ID = "3889987ea0042f96";

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final String token;
    final BlockingQueue<ProbeConnection> connections = new LinkedBlockingQueue<>();
    final BlockingQueue<Map<String, String>> upgradeHeaders = new LinkedBlockingQueue<>();
    final BlockingQueue<Posted> reports = new LinkedBlockingQueue<>();
    final Map<String, PipeConnection> pipes = new ConcurrentHashMap<>();
    final BlockingQueue<String> deletedPipes = new LinkedBlockingQueue<>();

    /** A report the probe posted, with its request headers. */
    record Posted(Map<String, String> headers, Report report) {}

    FakeScopeApp(String token) throws Exception {
        this.token = token;
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(
                server,
                container -> container.addMapping("/api/control/ws", (request, response, callback) -> {
                    Map<String, String> headers = new ConcurrentHashMap<>();
                    request.getHeaders().forEach(field -> headers.put(field.getName(), field.getValue()));
                    upgradeHeaders.add(headers);
                    if (!("Scope-Probe token=" + token)
                            .equals(request.getHeaders().get("Authorization"))) {
                        Response.writeError(request, response, callback, 401, "invalid token");
                        return null;
                    }
                    if (request.getHeaders().get("X-Scope-Probe-ID") == null) {
                        Response.writeError(request, response, callback, 400, "X-Scope-Probe-ID");
                        return null;
                    }
                    return new ProbeConnection(connections);
                }));
        upgrade.getServerWebSocketContainer().addMapping("^/api/pipe/([^/]+)/probe$", (request, response, callback) -> {
            if (!("Scope-Probe token=" + token).equals(request.getHeaders().get("Authorization"))) {
                Response.writeError(request, response, callback, 401, "invalid token");
                return null;
            }
            String path = request.getHttpURI().getPath();
            String id = path.substring("/api/pipe/".length(), path.length() - "/probe".length());
            if (deletedPipes.contains(id)) {
                Response.writeError(request, response, callback, 404, "pipe closed");
                return null;
            }
            PipeConnection pipe = new PipeConnection(id);
            pipes.put(id, pipe);
            return pipe;
        });
        upgrade.setHandler(new ReportHandler());
        server.setHandler(upgrade);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    ProbeConnection nextConnection() throws InterruptedException {
        ProbeConnection c = connections.poll(10, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("the probe did not connect");
        }
        return c;
    }

    void stop() throws Exception {
        server.stop();
    }

    String token() {
        return token;
    }

    Posted nextReport() throws InterruptedException {
        Posted posted = reports.poll(15, TimeUnit.SECONDS);
        if (posted == null) {
            throw new AssertionError("the probe posted no report");
        }
        return posted;
    }

    /** The probe's end of a pipe, once it connected. */
    PipeConnection pipe(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            PipeConnection pipe = pipes.get(id);
            if (pipe != null && pipe.session != null) {
                return pipe;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the probe did not connect pipe " + id);
    }

    /** {@code POST /api/report}: 401 for a wrong token, else decode and keep the report. */
    private final class ReportHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, org.eclipse.jetty.util.Callback callback)
                throws Exception {
            String path = request.getHttpURI().getPath();
            if (path.startsWith("/api/pipe/") && request.getMethod().equals("DELETE")) {
                String id = path.substring("/api/pipe/".length());
                deletedPipes.add(id);
                PipeConnection pipe = pipes.get(id);
                if (pipe != null && pipe.session != null) {
                    pipe.session.close();
                }
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
            if (!request.getHttpURI().getPath().equals("/api/report")
                    || !request.getMethod().equals("POST")) {
                Response.writeError(request, response, callback, 404);
                return true;
            }
            Map<String, String> headers = new ConcurrentHashMap<>();
            request.getHeaders().forEach(field -> headers.put(field.getName(), field.getValue()));
            if (!("Scope-Probe token=" + token).equals(headers.get("Authorization"))) {
                Response.writeError(request, response, callback, 401, "invalid token");
                return true;
            }
            ByteBuffer body = Content.Source.asByteBuffer(request);
            byte[] bytes = new byte[body.remaining()];
            body.get(bytes);
            WireFormat format =
                    WireFormat.fromContentType(headers.get("Content-Type")).orElseThrow();
            boolean gzipped = "gzip".equals(headers.get("Content-Encoding"));
            reports.add(new Posted(headers, ReportDecoder.decode(bytes, format, gzipped, DecodeLimits.defaults())));
            response.setStatus(200);
            callback.succeeded();
            return true;
        }
    }

    /** The probe's end of one pipe, seen from the app: the test plays the UI on it. */
    public static final class PipeConnection implements Session.Listener.AutoDemanding {
        final String id;
        private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        final BlockingQueue<Integer> frameSizes = new LinkedBlockingQueue<>();
        volatile Session session;
        volatile boolean closed;

        PipeConnection(String id) {
            this.id = id;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            synchronized (received) {
                received.writeBytes(bytes);
            }
            frameSizes.add(bytes.length);
            callback.succeed();
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closed = true;
            callback.succeed();
        }

        /** Sends keystrokes as the UI does (a text frame). */
        void type(String text) {
            session.sendText(text, Callback.NOOP);
        }

        /** Everything the probe sent so far, as text. */
        String output() {
            synchronized (received) {
                return received.toString(java.nio.charset.StandardCharsets.UTF_8);
            }
        }

        /** Waits until the probe's output contains {@code text}. */
        String awaitOutput(String text, java.time.Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String out = output();
                if (out.contains(text)) {
                    return out;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("pipe " + id + " never printed " + text + "; it printed: " + output());
        }

        /** Waits until the probe closed its end. */
        boolean awaitClosed(java.time.Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !closed) {
                Thread.sleep(20);
            }
            return closed;
        }
    }

    /** One probe's websocket, seen from the app. */
    public static final class ProbeConnection implements Session.Listener.AutoDemanding {
        private final BlockingQueue<ProbeConnection> opened;
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        volatile Session session;
        volatile boolean closed;

        ProbeConnection(BlockingQueue<ProbeConnection> opened) {
            this.opened = opened;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            opened.add(this);
        }

        @Override
        public void onWebSocketText(String message) {
            received.add(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closed = true;
            callback.succeed();
        }

        void send(String frame) {
            session.sendText(frame, Callback.NOOP);
        }

        /** Sends one control call as Scope's app does: a header frame, then a body frame. */
        void call(long seq, String control, String nodeId) {
            send("{\"Request\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":" + seq
                    + "},\"Response\":null,\"Value\":null}");
            send("{\"Request\":null,\"Response\":null,\"Value\":{\"AppID\":\"\",\"NodeID\":\"" + nodeId
                    + "\",\"Control\":\"" + control + "\",\"ControlArgs\":null}}");
        }

        /** Sends one control call with arguments (a JSON object of strings, or "null"). */
        void call(long seq, String control, String nodeId, String argsJson) {
            send("{\"Request\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":" + seq
                    + "},\"Response\":null,\"Value\":null}");
            send("{\"Request\":null,\"Response\":null,\"Value\":{\"AppID\":\"\",\"NodeID\":\"" + nodeId
                    + "\",\"Control\":\"" + control + "\",\"ControlArgs\":" + argsJson + "}}");
        }

        String next() throws InterruptedException {
            String frame = received.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("the probe sent nothing");
            }
            return frame;
        }

        void hangUp() {
            session.close();
        }
    }
}
