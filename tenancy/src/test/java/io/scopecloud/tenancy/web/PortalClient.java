package io.scopecloud.tenancy.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A browser, as far as the portal can tell: it keeps the session cookie it is given and sends
 * the CSRF token back on writes, as the web app does.
 */
final class PortalClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private String cookie;
    private String csrf;

    PortalClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** Signs up with a fresh email (and an org when {@code orgName} is not null). */
    static PortalClient signedUp(int port, String email, String orgName) {
        PortalClient client = new PortalClient(port);
        Map<String, Object> body = orgName == null
                ? Map.of("email", email, "password", "correct horse battery")
                : Map.of("email", email, "password", "correct horse battery", "orgName", orgName);
        Reply reply = client.send("POST", "/api/signup", body);
        if (reply.status() != 201) {
            throw new AssertionError("sign-up failed: " + reply);
        }
        return client;
    }

    Reply login(String email, String password) {
        return send("POST", "/api/login", Map.of("email", email, "password", password));
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, Object body) {
        return send("POST", path, body);
    }

    Reply send(String method, String path, Object body) {
        return send(method, path, body, Map.of());
    }

    Reply send(String method, String path, Object body, Map<String, String> extraHeaders) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (cookie != null) {
                request.header("Cookie", "scope_session=" + cookie);
            }
            if (csrf != null && !extraHeaders.containsKey("X-CSRF-Token")) {
                request.header("X-CSRF-Token", csrf);
            }
            extraHeaders.forEach((k, v) -> {
                if (v != null) {
                    request.header(k, v);
                }
            });
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            response.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("scope_session="))
                    .findFirst()
                    .ifPresent(c -> {
                        String value = c.substring("scope_session=".length(), c.indexOf(';'));
                        cookie = value.isEmpty() ? null : value;
                    });
            JsonNode json = response.body().isEmpty() ? null : parse(response.body());
            if (json != null && json.has("csrfToken")) {
                csrf = json.get("csrfToken").asText();
            }
            return new Reply(response.statusCode(), json, response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String cookie() {
        return cookie;
    }

    void useCookie(String value) {
        cookie = value;
    }

    String csrf() {
        return csrf;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** An answer: status, parsed JSON when there is some, and the raw response. */
    record Reply(int status, JsonNode json, String body, HttpResponse<String> raw) {
        Optional<String> setCookie() {
            return raw.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith("scope_session="))
                    .findFirst();
        }

        String text(String field) {
            return json.get(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
