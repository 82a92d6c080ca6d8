package io.scopecloud.probe.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.probe.plugins.SocketChannelHttpClient;
import io.scopecloud.probe.plugins.UnixHttpRequest;
import io.scopecloud.probe.plugins.UnixHttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real container engine for integration tests: Docker, or podman's Docker-compatible service,
 * on {@code $DOCKER_HOST} or /var/run/docker.sock, which {@code .ci/setup-podman} installs and
 * starts on CI. Without one the tests fail (they are part of the suite), saying how to get one.
 * Creates containers from {@code localhost/busybox:latest} with an init process (so that stop is
 * quick) and a label naming this run, and removes them, and its networks, on close.
 */
public final class TestEngine implements AutoCloseable {
    public static final String IMAGE = "localhost/busybox:latest";
    public static final String RUN_LABEL = "io.scopecloud.test.run";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SETUP =
            "run .ci/setup-podman as root (the README's test command, .ci/test, does it) to install and start podman";

    private final Path socket;
    private final SocketChannelHttpClient http = new SocketChannelHttpClient("scope-cloud-tests");
    private final String run = Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
    private final List<String> containers = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();

    private TestEngine(Path socket) {
        this.socket = socket;
    }

    /** The engine's socket: {@code $DOCKER_HOST} (unix://) or /var/run/docker.sock. */
    public static Path socketPath() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && host.startsWith("unix://")) {
            return Path.of(host.substring("unix://".length()));
        }
        return Path.of("/var/run/docker.sock");
    }

    /** Connects, or fails the test saying how to get an engine. */
    public static TestEngine connect() {
        Path socket = socketPath();
        TestEngine engine = new TestEngine(socket);
        try {
            UnixHttpResponse ping = engine.call("GET", "/_ping", null);
            if (ping.status() != 200) {
                throw new AssertionError("the container engine on " + socket + " answered " + ping.statusText()
                        + " to /_ping; " + SETUP);
            }
        } catch (IOException e) {
            throw new AssertionError("no container engine answers on " + socket + " (" + e + "): " + SETUP, e);
        }
        try {
            if (engine.call("GET", "/images/" + IMAGE + "/json", null).status() != 200) {
                throw new AssertionError("the engine on " + socket + " has no " + IMAGE + " image: " + SETUP);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot list images on " + socket + ": " + e, e);
        }
        return engine;
    }

    public Path socket() {
        return socket;
    }

    /** A name unique to this run, so parallel or leftover runs do not collide. */
    public String name(String base) {
        return "sc-" + base + "-" + run.substring(0, 8);
    }

    /** Creates a bridge network; {@code internal}: no route out. */
    public String createNetwork(String name, boolean internal) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", name);
        body.put("Internal", internal);
        body.put("Labels", Map.of(RUN_LABEL, run));
        JsonNode created = expectJson(call("POST", "/networks/create", body), 201, "create network " + name);
        networks.add(name);
        return created.path("Id").asText(name);
    }

    /** Creates and starts a container; returns its id. */
    public String run(String name, String network, boolean tty, Map<String, String> labels, String... command)
            throws IOException {
        String id = create(name, network, tty, labels, command);
        start(id);
        return id;
    }

    /** Creates a container without starting it; returns its id. */
    public String create(String name, String network, boolean tty, Map<String, String> labels, String... command)
            throws IOException {
        Map<String, String> allLabels = new LinkedHashMap<>(labels);
        allLabels.put(RUN_LABEL, run);
        Map<String, Object> hostConfig = new LinkedHashMap<>();
        hostConfig.put("Init", true);
        if (network != null) {
            hostConfig.put("NetworkMode", network);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Image", IMAGE);
        body.put("Hostname", name);
        body.put("Cmd", List.of(command));
        body.put("Tty", tty);
        body.put("OpenStdin", tty);
        body.put("Env", List.of("SCOPE_TEST=1", "SECRET_TOKEN=hunter2"));
        body.put("Labels", allLabels);
        body.put("HostConfig", hostConfig);
        JsonNode created =
                expectJson(call("POST", "/containers/create?name=" + name, body), 201, "create container " + name);
        String id = created.path("Id").asText();
        containers.add(id);
        return id;
    }

    public void start(String id) throws IOException {
        UnixHttpResponse response = call("POST", "/containers/" + id + "/start", null);
        if (response.status() != 204 && response.status() != 304) {
            throw new IOException("start " + id + ": " + response.statusText() + " " + body(response));
        }
    }

    /** The container's inspect document. */
    public JsonNode inspect(String id) throws IOException {
        return expectJson(call("GET", "/containers/" + id + "/json", null), 200, "inspect " + id);
    }

    /** Whether the engine still knows the container. */
    public boolean exists(String id) throws IOException {
        return call("GET", "/containers/" + id + "/json", null).status() == 200;
    }

    /** The host pid of the container's main process (its init). */
    public int pid(String id) throws IOException {
        return inspect(id).path("State").path("Pid").asInt();
    }

    /** The container's IPv4 address on a network. */
    public String ip(String id, String network) throws IOException {
        return inspect(id)
                .path("NetworkSettings")
                .path("Networks")
                .path(network)
                .path("IPAddress")
                .asText();
    }

    /** Runs a command in the container and returns its output (no TTY). */
    public String exec(String id, String... command) throws IOException {
        Map<String, Object> create = new LinkedHashMap<>();
        create.put("AttachStdout", true);
        create.put("AttachStderr", true);
        create.put("Cmd", List.of(command));
        String execId = expectJson(call("POST", "/containers/" + id + "/exec", create), 201, "exec")
                .path("Id")
                .asText();
        UnixHttpResponse response = call("POST", "/exec/" + execId + "/start", Map.of("Detach", false, "Tty", true));
        return body(response);
    }

    @Override
    public void close() {
        for (String id : containers) {
            try {
                call("DELETE", "/containers/" + id + "?force=1&v=1&t=0", null);
            } catch (IOException e) {
                // best effort
            }
        }
        for (String network : networks) {
            try {
                call("DELETE", "/networks/" + network, null);
            } catch (IOException e) {
                // best effort
            }
        }
    }

    private UnixHttpResponse call(String method, String target, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        UnixHttpRequest request =
                new UnixHttpRequest(method, target, body == null ? null : "application/json", bytes, "docker");
        return http.exchange(socket, request, Duration.ofSeconds(30), 64 * 1024 * 1024);
    }

    private static JsonNode expectJson(UnixHttpResponse response, int status, String what) throws IOException {
        if (response.status() != status && !(status == 201 && response.status() == 200)) {
            throw new IOException(what + ": " + response.statusText() + " " + body(response));
        }
        return JSON.readTree(response.body());
    }

    private static String body(UnixHttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
