package io.scopecloud.probe.net;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the service's {@code GET /api} for its app ID, which Scope's probe stamps on every control
 * request ({@code AppID}) before handing it to a plugin. Asynchronous, so the shared timer thread
 * is never blocked on the network.
 */
public final class AppDetails {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI apiUri;
    private final ProbeIdentity identity;

    public AppDetails(HttpClient client, URI apiUri, ProbeIdentity identity) {
        this.client = requireNonNull(client, "client is null");
        this.apiUri = requireNonNull(apiUri, "apiUri is null");
        this.identity = requireNonNull(identity, "identity is null");
    }

    /** The app's {@code id}, or empty if the service did not answer with one. */
    public CompletableFuture<Optional<String>> appId() {
        HttpRequest.Builder request = HttpRequest.newBuilder(apiUri)
                .timeout(Duration.ofSeconds(12))
                .header("User-Agent", identity.userAgent())
                .GET();
        for (Map.Entry<String, String> header : identity.headers().entrySet()) {
            request.header(header.getKey(), header.getValue());
        }
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(
                        response -> response.statusCode() == 200 ? parseId(response.body()) : Optional.<String>empty())
                .exceptionally(e -> Optional.empty());
    }

    static Optional<String> parseId(byte[] body) {
        try {
            JsonNode id = JSON.readTree(body).get("id");
            return id == null || !id.isTextual() || id.asText().isEmpty() ? Optional.empty() : Optional.of(id.asText());
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
