package io.scopecloud.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * A Scope plugin for {@link ControlComparison} (scope-contract §5): HTTP on a UNIX socket in a probe's plugins root,
 * as Scope's example plugins serve it. {@code GET /report} answers one Host node with a {@code ping} control;
 * {@code POST /control} answers the control's value (the node and arguments it got) and, with {@code shortcut}, a
 * shortcut report as plugins that change what they report do. The plugin's id is the socket's name.
 */
final class BenchPlugin implements AutoCloseable {
    static final String CONTROL = "ping";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Server server;
    private final String id;
    private final AtomicLong pings = new AtomicLong();

    private BenchPlugin(Server server, String id) {
        this.server = server;
        this.id = id;
    }

    /** Serves {@code socket} until closed; {@code hostNodeId} is the Host node the plugin decorates. */
    static BenchPlugin start(Path socket, String hostNodeId, boolean shortcut) throws Exception {
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        String name = socket.getFileName().toString();
        String id = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        Server server = new Server();
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server);
        connector.setUnixDomainPath(socket);
        server.addConnector(connector);
        BenchPlugin plugin = new BenchPlugin(server, id);
        server.setHandler(plugin.handler(hostNodeId, shortcut));
        server.start();
        return plugin;
    }

    /** The control as the UI names it: {@code <plugin id>~ping}. */
    String control() {
        return id + "~" + CONTROL;
    }

    long pings() {
        return pings.get();
    }

    private Handler handler(String hostNodeId, boolean shortcut) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                if ("GET".equals(request.getMethod()) && path.equals("/report")) {
                    answer(response, callback, report(hostNodeId));
                } else if ("POST".equals(request.getMethod()) && path.equals("/control")) {
                    JsonNode call = JSON.readTree(Content.Source.asInputStream(request));
                    pings.incrementAndGet();
                    ObjectNode answer = JSON.createObjectNode();
                    ObjectNode value = answer.putObject("value");
                    value.set("pinged", call.path("NodeID"));
                    value.set("args", call.path("ControlArgs"));
                    if (shortcut) {
                        answer.set("shortcutReport", report(hostNodeId));
                    }
                    answer(response, callback, answer);
                } else {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
                return true;
            }
        };
    }

    private ObjectNode report(String hostNodeId) {
        String now = Instant.now().toString();
        ObjectNode report = JSON.createObjectNode();
        ObjectNode host = report.putObject("Host");
        ObjectNode node = host.putObject("nodes").putObject(hostNodeId);
        ObjectNode latest = node.putObject("latest");
        latest.putObject("bench_plugin_pings").put("timestamp", now).put("value", Long.toString(pings.get()));
        node.putObject("latestControls")
                .putObject(CONTROL)
                .put("timestamp", now)
                .putObject("value")
                .put("dead", false);
        host.putObject("controls")
                .putObject(CONTROL)
                .put("id", CONTROL)
                .put("human", "Ping")
                .put("icon", "fa-bell")
                .put("rank", 1);
        ObjectNode spec = report.putArray("Plugins").addObject();
        spec.put("id", id).put("label", "Bench plugin").put("description", "answers pings");
        spec.putArray("interfaces").add("reporter").add("controller");
        spec.put("api_version", "1");
        return report;
    }

    private static void answer(Response response, Callback callback, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("the plugin did not stop", e);
        }
    }
}
