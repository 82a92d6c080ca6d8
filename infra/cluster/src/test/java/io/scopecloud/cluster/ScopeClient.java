package io.scopecloud.cluster;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** What people and the UI do through the proxy: sign up, issue tokens, read views, run controls. */
final class ScopeClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A signed-in owner of one org: the session cookie and CSRF token the UI sends. */
    record Owner(String email, String cookie, String csrfToken, String org) {}

    /** One read of a view: the status, the node ids (empty unless 200), how long it took. */
    record Read(int status, Set<String> nodes, Duration took, String body) {}

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    ScopeClient(URI base) {
        this.base = requireNonNull(base, "base is null");
    }

    Owner signUp(String email, String password, String orgName) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/api/signup"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        json(Map.of("email", email, "password", password, "orgName", orgName))))
                .build());
        if (r.statusCode() != 201) {
            throw new AssertionError("sign-up of " + email + " answered " + r.statusCode() + " " + r.body());
        }
        String cookie = r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("scope_session="))
                .map(c -> c.indexOf(';') < 0 ? c : c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("sign-up set no session cookie: " + r.headers()));
        JsonNode session = tree(r.body());
        return new Owner(
                email,
                cookie,
                session.path("csrfToken").asText(),
                session.path("orgs").get(0).path("id").asText());
    }

    String createToken(Owner owner, String name) {
        HttpResponse<String> r =
                send("POST", "/api/orgs/" + owner.org() + "/tokens", owner, json(Map.of("name", name)));
        if (r.statusCode() != 201) {
            throw new AssertionError("creating a token answered " + r.statusCode() + " " + r.body());
        }
        return tree(r.body()).path("token").asText();
    }

    /** The org's hosts view, live ({@code at} null) or as of {@code at} (time travel), read with a probe token. */
    Read hosts(String org, String token, Instant at) {
        String path = "/api/app/" + org + "/api/topology/hosts"
                + (at == null ? "" : "?timestamp=" + URLEncoder.encode(at.toString(), StandardCharsets.UTF_8));
        long start = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = http.send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .timeout(Duration.ofSeconds(20))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Read(0, Set.of(), Duration.ofNanos(System.nanoTime() - start), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Read(0, Set.of(), Duration.ofNanos(System.nanoTime() - start), "interrupted");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Set<String> nodes = new HashSet<>();
        if (r.statusCode() == 200) {
            for (Iterator<String> ids = tree(r.body()).path("nodes").fieldNames(); ids.hasNext(); ) {
                nodes.add(ids.next());
            }
        }
        return new Read(r.statusCode(), nodes, took, r.statusCode() == 200 ? "" : r.body());
    }

    /**
     * Opens the org's hosts topology websocket ({@code /api/app/{org}/api/topology/hosts/ws}) through
     * the proxy with a probe token and returns its first message (Scope's first diff: every node added).
     */
    String firstTopologyMessage(String org, String token) throws Exception {
        java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        URI ws = URI.create(
                "ws://" + base.getHost() + ":" + base.getPort() + "/api/app/" + org + "/api/topology/hosts/ws?t=1s");
        java.net.http.WebSocket socket = http.newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(ws, new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(
                            java.net.http.WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(java.net.http.WebSocket webSocket, Throwable error) {
                        first.completeExceptionally(error);
                    }
                })
                .get(10, java.util.concurrent.TimeUnit.SECONDS);
        try {
            return first.get(15, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            socket.abort();
        }
    }

    /** A control as the UI runs it: {@code POST /api/app/{org}/api/control/{probe}/{node}/{control}}. */
    HttpResponse<String> control(Owner owner, String probeId, String nodeId, String control) {
        String path = "/api/app/" + owner.org() + "/api/control/" + encode(probeId) + "/" + encode(nodeId) + "/"
                + encode(control);
        return send("POST", path, owner, "{}");
    }

    HttpResponse<String> send(String method, String path, Owner owner, String jsonBody) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Cookie", owner.cookie())
                .header("X-CSRF-Token", owner.csrfToken())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(jsonBody == null ? "" : jsonBody))
                .build());
    }

    /** Posts a report (JSON) with a probe token, as a probe does. */
    HttpResponse<String> postReport(String token, String json) throws IOException {
        try {
            return http.send(
                    HttpRequest.newBuilder(base.resolve("/api/report"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Scope-Probe token=" + token)
                            .header("X-Scope-Probe-ID", "7e57000000000001")
                            .POST(HttpRequest.BodyPublishers.ofString(json))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    HttpResponse<String> get(String path, Map<String, String> headers, Duration timeout) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout);
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
