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
 * (401 otherwise), and lets the test send control frames and read what the probe sent.
 */
public final class FakeScopeApp {
    static final String APP_ID = "3889987ea0042f96";

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final String token;
    final BlockingQueue<ProbeConnection> connections = new LinkedBlockingQueue<>();
    final BlockingQueue<Map<String, String>> upgradeHeaders = new LinkedBlockingQueue<>();
    final BlockingQueue<Posted> reports = new LinkedBlockingQueue<>();

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

    /** {@code POST /api/report}: 401 for a wrong token, else decode and keep the report. */
    private final class ReportHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, org.eclipse.jetty.util.Callback callback)
                throws Exception {
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
