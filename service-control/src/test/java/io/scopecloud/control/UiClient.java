package io.scopecloud.control;

import io.scopecloud.tenancy.session.Sessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What the Scope UI sends, as one signed-in person of one org. */
final class UiClient {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String org;
    private final Sessions.NewSession session;

    UiClient(String base, String org, Sessions.NewSession session) {
        this.base = base;
        this.org = org;
        this.session = session;
    }

    /** POSTs a control, node id percent-encoded as the UI's encodeURIComponent does. */
    HttpResponse<String> control(String probeId, String nodeId, String control, String body) {
        String path =
                "/api/app/" + org + "/api/control/" + encode(probeId) + "/" + encode(nodeId) + "/" + encode(control);
        HttpRequest.Builder request = signedIn(path)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.build());
    }

    HttpResponse<String> get(String pathUnderOrg) {
        return send(signedIn("/api/app/" + org + pathUnderOrg).GET().build());
    }

    HttpResponse<String> delete(String pathUnderOrg) {
        return send(signedIn("/api/app/" + org + pathUnderOrg).DELETE().build());
    }

    HttpResponse<String> post(String pathUnderOrg) {
        return send(signedIn("/api/app/" + org + pathUnderOrg)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    String cookie() {
        return "scope_session=" + session.cookieValue();
    }

    private HttpRequest.Builder signedIn(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Cookie", cookie())
                .header("X-CSRF-Token", session.csrfToken());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
