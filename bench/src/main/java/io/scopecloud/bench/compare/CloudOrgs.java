package io.scopecloud.bench.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * More orgs for the member of a {@link CloudAccount}, each with its own probe token, made through the portal API
 * as the UI makes them: the ingest comparison spreads its probes over several orgs as a hosted service would see
 * them (and as its per-org quotas expect).
 */
final class CloudOrgs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudOrgs() {}

    /** The probe tokens of {@code count} orgs: the account's own first, then new ones. */
    static List<String> probeTokens(HttpClient http, URI cloud, CloudAccount account, int count)
            throws IOException, InterruptedException {
        List<String> tokens = new ArrayList<>();
        tokens.add(account.probeToken());
        for (int i = 1; i < count; i++) {
            JsonNode org = post(http, cloud, account, "/api/orgs", Map.of("name", "Ingest comparison " + i));
            JsonNode token = post(
                    http, cloud, account, "/api/orgs/" + org.get("id").asText() + "/tokens", Map.of("name", "bench"));
            tokens.add(token.get("token").asText());
        }
        return tokens;
    }

    private static JsonNode post(
            HttpClient http, URI cloud, CloudAccount account, String path, Map<String, String> body)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(cloud.resolve(path))
                        .header("Content-Type", "application/json")
                        .header("Cookie", account.cookie())
                        .header("X-CSRF-Token", account.csrf())
                        .header("Origin", cloud.getScheme() + "://" + cloud.getRawAuthority())
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
