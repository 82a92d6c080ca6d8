package io.scopecloud.bench.probe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Scope's app as far as a probe under load needs it, on loopback: {@code GET /api}, an accepting
 * {@code POST /api/report} (counted, not decoded), and {@code /api/control/ws}, whose connections
 * are held open and sent nothing, as a real app holds a probe's control connection between
 * controls. Without it the probe would retry the control connection with backoff, and each
 * attempt is a new connection for it to find.
 */
final class FakeScopeService implements AutoCloseable {
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final AtomicInteger reports = new AtomicInteger();
    private final AtomicLong reportBytes = new AtomicLong();
    private final AtomicInteger controlConnections = new AtomicInteger();
    private final List<Posted> kept = new CopyOnWriteArrayList<>();
    private volatile boolean keepBodies;

    /** A posted report: when it arrived, its size as sent and uncompressed, and its uncompressed body. */
    static final class Posted {
        private final long nanoTime;
        private final int sent;
        private final byte[] body;

        Posted(long nanoTime, int sent, byte[] body) {
            this.nanoTime = nanoTime;
            this.sent = sent;
            this.body = body;
        }

        long nanoTime() {
            return nanoTime;
        }

        int sent() {
            return sent;
        }

        int raw() {
            return body.length;
        }

        byte[] body() {
            return body;
        }
    }

    FakeScopeService() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis()); // the probe pings every 33 s
        server.addConnector(connector);
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.addMapping("/api/control/ws", (request, response, callback) -> {
                controlConnections.incrementAndGet();
                return new Session.Listener.AutoDemanding() {};
            });
        });
        upgrade.setHandler(new ApiHandler());
        server.setHandler(upgrade);
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    /**
     * From now on every posted report is decompressed (when gzipped) and kept with its sizes,
     * for a benchmark that looks at the reports themselves.
     */
    void keepReports() {
        keepBodies = true;
    }

    /** The reports kept since {@link #keepReports()}, oldest first. */
    List<Posted> posted() {
        return List.copyOf(kept);
    }

    int reports() {
        return reports.get();
    }

    long reportBytes() {
        return reportBytes.get();
    }

    /** Control connections accepted so far (one, while the probe keeps its connection). */
    int controlConnections() {
        return controlConnections.get();
    }

    private static byte[] gunzip(byte[] gzipped) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a report that is not gzip although it says so", e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the fake service did not stop", e);
        }
    }

    private final class ApiHandler extends Handler.Abstract {
        private final byte[] app = "{\"id\":\"bench\",\"version\":\"bench\"}".getBytes(StandardCharsets.UTF_8);

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = request.getHttpURI().getPath();
            if (path.equals("/api/report") && request.getMethod().equals("POST")) {
                ByteBuffer body = Content.Source.asByteBuffer(request);
                int sent = body.remaining();
                reportBytes.addAndGet(sent);
                if (keepBodies) {
                    byte[] bytes = new byte[sent];
                    body.get(bytes);
                    boolean gzipped =
                            "gzip".equalsIgnoreCase(request.getHeaders().get(HttpHeader.CONTENT_ENCODING));
                    byte[] raw = gzipped ? gunzip(bytes) : bytes;
                    kept.add(new Posted(System.nanoTime(), sent, raw));
                }
                reports.incrementAndGet();
                response.setStatus(200);
                callback.succeeded();
            } else if (path.equals("/api")) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, ByteBuffer.wrap(app), callback);
            } else {
                Response.writeError(request, response, callback, 404);
            }
            return true;
        }
    }
}
