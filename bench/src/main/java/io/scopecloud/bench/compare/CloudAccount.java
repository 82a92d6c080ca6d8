package io.scopecloud.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh person and org on Scope Cloud for the comparison, made through the portal API as a
 * user would: sign-up (which creates the org), the session's CSRF token, and a probe token.
 */
record CloudAccount(String org, String probeToken, String cookie, String csrf) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static CloudAccount signUp(HttpClient http, URI cloud) throws IOException, InterruptedException {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> signUp = send(
                http,
                cloud,
                "/api/signup",
                null,
                null,
                Map.of("email", email, "password", "compare-" + UUID.randomUUID(), "orgName", "Side by side"));
        String cookie = signUp.headers()
                .firstValue("Set-Cookie")
                .map(c -> c.substring(0, c.indexOf(';')))
                .orElseThrow(() -> new IllegalStateException("sign-up set no session cookie: " + signUp.body()));
        JsonNode session = JSON.readTree(http.send(
                        HttpRequest.newBuilder(cloud.resolve("/api/session"))
                                .header("Cookie", cookie)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        String csrf = session.get("csrfToken").asText();
        String org = session.get("orgs").get(0).get("id").asText();
        JsonNode token = JSON.readTree(
                send(http, cloud, "/api/orgs/" + org + "/tokens", cookie, csrf, Map.of("name", "comparison"))
                        .body());
        return new CloudAccount(org, token.get("token").asText(), cookie, csrf);
    }

    private static HttpResponse<String> send(
            HttpClient http, URI cloud, String path, String cookie, String csrf, Map<String, String> body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(cloud.resolve(path))
                .header("Content-Type", "application/json")
                .header("Origin", cloud.getScheme() + "://" + cloud.getRawAuthority())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (cookie != null) {
            b.header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }
}
