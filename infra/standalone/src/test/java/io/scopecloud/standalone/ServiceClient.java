package io.scopecloud.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/** A plain HTTP client speaking to a running service the way probes and the UI do. */
final class ServiceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** Someone signed in through the portal API: their user id, session cookie, CSRF token and first org. */
    record Person(String email, String userId, String cookie, String csrfToken, @Nullable String org) {
        @Override
        public String toString() {
            return "Person[" + email + " in " + org + "]"; // never the session
        }
    }

    ServiceClient(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> postReport(String token, String contentType, String encoding, byte[] body) {
        return postReport(token, "3b0a37194325fdbc", contentType, encoding, body);
    }

    /** A report as the probe {@code probeId} sends it (each probe has its own place in the window). */
    HttpResponse<String> postReport(String token, String probeId, String contentType, String encoding, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/report"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-Scope-Probe-ID", probeId)
                .header("X-Scope-Probe-Version", "test")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Scope-Probe token=" + token);
        }
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }
        return send(request.build());
    }

    HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.GET().build());
    }

    /** Polls {@code path} until the body matches, or fails after {@code timeout}. */
    HttpResponse<String> awaitGet(String path, String bearer, Predicate<HttpResponse<String>> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpResponse<String> last = get(path, bearer);
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "gave up waiting on " + path + ": last answer " + last.statusCode() + " " + last.body());
            }
            Thread.sleep(100);
            last = get(path, bearer);
        }
        return last;
    }

    /** Signs up through {@code POST /api/signup}, creating and owning {@code orgName} when given. */
    Person signUp(String email, String password, @Nullable String orgName) {
        Map<String, String> body = new LinkedHashMap<>(Map.of("email", email, "password", password));
        if (orgName != null) {
            body.put("orgName", orgName);
        }
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base + "/api/signup"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body)))
                .build());
        if (answer.statusCode() != 201) {
            throw new AssertionError("sign-up of " + email + " answered " + answer.statusCode() + " " + answer.body());
        }
        String cookie = answer.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("scope_session="))
                .map(c -> c.indexOf(';') < 0 ? c : c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("sign-up set no scope_session cookie: " + answer.headers()));
        JsonNode session = tree(answer.body());
        JsonNode orgs = session.path("orgs");
        return new Person(
                email,
                session.path("user").path("id").asText(),
                cookie,
                session.path("csrfToken").asText(),
                orgs.isEmpty() ? null : orgs.get(0).path("id").asText());
    }

    /** An owner or admin issues a probe token through {@code POST /api/orgs/{org}/tokens}; the secret. */
    String createToken(Person admin, String name) {
        HttpResponse<String> answer =
                send("POST", "/api/orgs/" + admin.org() + "/tokens", admin, json(Map.of("name", name)));
        if (answer.statusCode() != 201) {
            throw new AssertionError("creating a token answered " + answer.statusCode() + " " + answer.body());
        }
        return tree(answer.body()).path("token").asText();
    }

    /** {@code admin} invites a newcomer with {@code role}; the newcomer signs up and accepts. */
    Person invite(Person admin, String role, String email, String password) {
        HttpResponse<String> invited =
                send("POST", "/api/orgs/" + admin.org() + "/invites", admin, json(Map.of("role", role)));
        if (invited.statusCode() != 201) {
            throw new AssertionError("inviting a " + role + " answered " + invited.statusCode() + " " + invited.body());
        }
        String link = tree(invited.body()).path("link").asText();
        String secret = link.substring(link.lastIndexOf('/') + 1);
        Person newcomer = signUp(email, password, null);
        HttpResponse<String> accepted = send("POST", "/api/invites/" + secret + "/accept", newcomer, null);
        if (accepted.statusCode() != 200) {
            throw new AssertionError(
                    "accepting the invitation answered " + accepted.statusCode() + " " + accepted.body());
        }
        return new Person(email, newcomer.userId(), newcomer.cookie(), newcomer.csrfToken(), admin.org());
    }

    /** A request as a signed-in person, with the session cookie and the CSRF token, as the UI sends it. */
    HttpResponse<String> send(String method, String path, Person who, @Nullable String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Cookie", who.cookie())
                .header("X-CSRF-Token", who.csrfToken());
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(
                        method,
                        jsonBody == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(jsonBody))
                .build());
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
