package io.scopecloud.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.probe.plugins.SocketChannelHttpClient;
import io.scopecloud.probe.plugins.UnixHttpRequest;
import io.scopecloud.probe.plugins.UnixHttpResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The real container engine the local probe reads (podman's Docker API on CI, started by
 * {@code .ci/setup-podman}): creates a network and busybox containers for a test, removes them
 * after. Fails the test, naming the set-up script, when no engine answers.
 */
final class ContainerEngine implements AutoCloseable {
    static final String IMAGE = "localhost/busybox:latest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOCKET = Path.of("/var/run/docker.sock");

    private final SocketChannelHttpClient http = new SocketChannelHttpClient("scope-cloud-tests");
    private final String run = Long.toHexString(new SecureRandom().nextLong() & 0xffffffffL);
    private final List<String> containers = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();

    static ContainerEngine connect() {
        ContainerEngine engine = new ContainerEngine();
        try {
            if (engine.call("GET", "/images/" + IMAGE + "/json", null).status() != 200) {
                throw new AssertionError("the engine on " + SOCKET + " has no " + IMAGE
                        + ": run .ci/setup-podman as root (.ci/test does)");
            }
        } catch (IOException e) {
            throw new AssertionError(
                    "no container engine answers on " + SOCKET + " (" + e
                            + "): run .ci/setup-podman as root to install and start podman (.ci/test does)",
                    e);
        }
        return engine;
    }

    String name(String base) {
        return "sc-" + base + "-" + run;
    }

    void createNetwork(String name) throws IOException {
        expect(call("POST", "/networks/create", Map.of("Name", name, "Internal", true)), "network " + name);
        networks.add(name);
    }

    String run(String name, String network, String... command) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Image", IMAGE);
        body.put("Cmd", List.of(command));
        body.put("Hostname", name);
        body.put("HostConfig", Map.of("Init", true, "NetworkMode", network));
        String id = expect(call("POST", "/containers/create?name=" + name, body), "create " + name)
                .path("Id")
                .asText();
        containers.add(id);
        UnixHttpResponse started = call("POST", "/containers/" + id + "/start", null);
        if (started.status() / 100 != 2) {
            throw new IOException("start " + name + ": " + started.statusText());
        }
        return id;
    }

    String ip(String id, String network) throws IOException {
        return expect(call("GET", "/containers/" + id + "/json", null), "inspect " + id)
                .path("NetworkSettings")
                .path("Networks")
                .path(network)
                .path("IPAddress")
                .asText();
    }

    @Override
    public void close() {
        for (String id : containers) {
            try {
                call("DELETE", "/containers/" + id + "?force=1&t=0", null);
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
        return http.exchange(
                SOCKET,
                new UnixHttpRequest(method, target, body == null ? null : "application/json", bytes, "docker"),
                Duration.ofSeconds(30),
                16 * 1024 * 1024);
    }

    private static JsonNode expect(UnixHttpResponse response, String what) throws IOException {
        if (response.status() / 100 != 2) {
            throw new IOException(what + ": " + response.statusText() + " " + new String(response.body()));
        }
        return JSON.readTree(response.body());
    }
}
