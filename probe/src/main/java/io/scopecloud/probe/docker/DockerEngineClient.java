package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.probe.plugins.SocketChannelHttpClient;
import io.scopecloud.probe.plugins.UnixHttpClient;
import io.scopecloud.probe.plugins.UnixHttpRequest;
import io.scopecloud.probe.plugins.UnixHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link RuntimeApi} over the engine's UNIX socket. Request/response calls go through the plugin
 * client's HTTP/1.1 layer ({@link SocketChannelHttpClient}: one connection per call, a deadline on
 * the whole exchange); streams (events, logs, attach, exec) get a connection of their own
 * ({@link EngineConnection}). Paths carry no API version, so the engine answers at its own: any
 * Docker since 1.24 and podman's compatible service alike.
 */
public final class DockerEngineClient implements RuntimeApi {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
    private static final int MAX_EVENT_BYTES = 1024 * 1024;

    private final Path socket;
    private final UnixHttpClient http;

    public DockerEngineClient(Path socket) {
        this(socket, new SocketChannelHttpClient("Scope_Probe"));
    }

    DockerEngineClient(Path socket, UnixHttpClient http) {
        this.socket = requireNonNull(socket, "socket is null");
        this.http = requireNonNull(http, "http is null");
    }

    public Path socket() {
        return socket;
    }

    @Override
    public String version() throws IOException {
        JsonNode v = getJson("/version");
        String name = "Docker Engine";
        for (JsonNode component : v.path("Components")) {
            name = component.path("Name").asText(name);
            break;
        }
        return name + " " + v.path("Version").asText("?") + " (API "
                + v.path("ApiVersion").asText("?") + ")";
    }

    @Override
    public List<String> containerIds() throws IOException {
        return DockerJson.containerIds(getJson("/containers/json?all=1"));
    }

    @Override
    public Optional<DockerContainer> inspect(String id) throws IOException {
        try {
            return Optional.of(DockerJson.container(getJson("/containers/" + encode(id) + "/json")));
        } catch (EngineException e) {
            // podman answers 500 "...does not exist in database: no such container" while removing
            if (e.notFound() || String.valueOf(e.getMessage()).contains("no such container")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public List<DockerImage> images() throws IOException {
        return DockerJson.images(getJson("/images/json"));
    }

    @Override
    public List<DockerNetwork> networks() throws IOException {
        return DockerJson.networks(getJson("/networks"));
    }

    @Override
    public StatsSample stats(String id) throws IOException {
        return DockerJson.stats(getJson("/containers/" + encode(id) + "/stats?stream=false&one-shot=true"));
    }

    @Override
    public void stop(String id, int timeoutSeconds) throws IOException {
        post("/containers/" + encode(id) + "/stop?t=" + timeoutSeconds, null, CALL_TIMEOUT.plusSeconds(timeoutSeconds));
    }

    @Override
    public void start(String id) throws IOException {
        post("/containers/" + encode(id) + "/start", null, CALL_TIMEOUT);
    }

    @Override
    public void restart(String id, int timeoutSeconds) throws IOException {
        post(
                "/containers/" + encode(id) + "/restart?t=" + timeoutSeconds,
                null,
                CALL_TIMEOUT.plusSeconds(timeoutSeconds));
    }

    @Override
    public void pause(String id) throws IOException {
        post("/containers/" + encode(id) + "/pause", null, CALL_TIMEOUT);
    }

    @Override
    public void unpause(String id) throws IOException {
        post("/containers/" + encode(id) + "/unpause", null, CALL_TIMEOUT);
    }

    @Override
    public void remove(String id) throws IOException {
        call("DELETE", "/containers/" + encode(id), null, CALL_TIMEOUT);
    }

    @Override
    public String createExec(String id, List<String> command, boolean tty) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("AttachStdin", true);
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        body.put("Tty", tty);
        body.put("Cmd", command);
        UnixHttpResponse response = post("/containers/" + encode(id) + "/exec", json(body), CALL_TIMEOUT);
        String execId = DockerJson.tree(response.body()).path("Id").asText("");
        if (execId.isEmpty()) {
            throw new IOException("the engine created an exec without an id");
        }
        return execId;
    }

    @Override
    public void resizeExec(String execId, int height, int width) throws IOException {
        post("/exec/" + encode(execId) + "/resize?h=" + height + "&w=" + width, null, CALL_TIMEOUT);
    }

    @Override
    public RawStream startExec(String execId, boolean tty) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Detach", false);
        body.put("Tty", tty);
        return hijack("POST", "/exec/" + encode(execId) + "/start", json(body), tty);
    }

    @Override
    public RawStream attach(String id, boolean tty) throws IOException {
        return hijack("POST", "/containers/" + encode(id) + "/attach?stream=1&stdin=1&stdout=1&stderr=1", null, tty);
    }

    @Override
    public RawStream logs(String id, boolean tty, int tail) throws IOException {
        EngineConnection connection = EngineConnection.open(socket);
        try {
            connection.send(
                    "GET", "/containers/" + encode(id) + "/logs?stdout=1&stderr=1&follow=1&tail=" + tail, null, false);
            EngineConnection.Head head = connection.readHead();
            InputStream body = connection.body(head);
            failUnlessOk(head, body);
            InputStream output = tty ? body : new MultiplexedInputStream(body);
            return stream(connection, output, null);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public EventStream events() throws IOException {
        EngineConnection connection = EngineConnection.open(socket);
        try {
            connection.send("GET", "/events", null, false);
            EngineConnection.Head head = connection.readHead();
            InputStream body = connection.body(head);
            failUnlessOk(head, body);
            return new EventStream() {
                private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);

                @Override
                public EngineEvent next() throws IOException {
                    while (true) {
                        line.reset();
                        int b;
                        while ((b = body.read()) >= 0 && b != '\n') {
                            if (line.size() >= MAX_EVENT_BYTES) {
                                throw new IOException("event longer than " + MAX_EVENT_BYTES + " bytes");
                            }
                            line.write(b);
                        }
                        if (b < 0 && line.size() == 0) {
                            return null;
                        }
                        byte[] bytes = line.toByteArray();
                        if (isBlank(bytes)) {
                            continue;
                        }
                        return DockerJson.event(DockerJson.tree(bytes));
                    }
                }

                @Override
                public void close() {
                    connection.close();
                }
            };
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private RawStream hijack(String method, String target, byte[] body, boolean tty) throws IOException {
        EngineConnection connection = EngineConnection.open(socket);
        try {
            connection.send(method, target, body, true);
            EngineConnection.Head head = connection.readHead();
            InputStream in = connection.body(head);
            failUnlessOk(head, in);
            return stream(connection, tty ? in : new MultiplexedInputStream(in), connection.output());
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static RawStream stream(EngineConnection connection, InputStream output, OutputStream input) {
        return new RawStream() {
            @Override
            public InputStream output() {
                return output;
            }

            @Override
            public OutputStream input() {
                return input;
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    /** Throws the engine's error for a status other than 2xx or 101. */
    private static void failUnlessOk(EngineConnection.Head head, InputStream body) throws IOException {
        int status = head.status();
        if (status == 101 || (status >= 200 && status < 300)) {
            return;
        }
        byte[] error = body.readNBytes(64 * 1024);
        throw new EngineException(status, DockerJson.errorMessage(error));
    }

    private JsonNode getJson(String target) throws IOException {
        return DockerJson.tree(call("GET", target, null, CALL_TIMEOUT).body());
    }

    private UnixHttpResponse post(String target, byte[] body, Duration timeout) throws IOException {
        return call("POST", target, body, timeout);
    }

    private UnixHttpResponse call(String method, String target, byte[] body, Duration timeout) throws IOException {
        UnixHttpRequest request = new UnixHttpRequest(
                method, target, body == null ? null : "application/json", body == null ? new byte[0] : body, "docker");
        UnixHttpResponse response;
        try {
            response = http.exchange(socket, request, timeout, MAX_BODY_BYTES);
        } catch (java.net.SocketTimeoutException e) {
            throw new IOException(
                    method + " " + target + ": the engine did not answer in " + timeout.toSeconds() + " s", e);
        }
        int status = response.status();
        if (status < 200 || status >= 300) {
            // 304 (already started / stopped) is success for Docker's start and stop
            if (status == 304) {
                return response;
            }
            throw new EngineException(status, DockerJson.errorMessage(response.body()));
        }
        return response;
    }

    private static byte[] json(Object body) throws IOException {
        return DockerJson.MAPPER.writeValueAsBytes(body);
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
