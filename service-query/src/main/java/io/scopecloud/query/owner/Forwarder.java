package io.scopecloud.query.owner;

import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Sends a UI request on to the instance that owns the org and answers with its response. The
 * caller's credentials go along (the owner checks them again); {@link #FORWARDED} stops loops.
 */
public final class Forwarder {
    /** Set on forwarded requests: the receiver answers from its own state, whatever it owns. */
    public static final String FORWARDED = "X-Scope-Query-Forwarded";

    private static final List<String> PASSED_HEADERS =
            List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE, HttpHeaders.ACCEPT);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public Response forward(URI owner, String rawPathAndQuery, HttpHeaders headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(owner.resolve(rawPathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header(FORWARDED, "1")
                .GET();
        for (String name : PASSED_HEADERS) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Response.ResponseBuilder out =
                    Response.status(response.statusCode()).entity(response.body());
            response.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(t -> out.type(t));
            return out.build();
        } catch (IOException e) {
            throw new ServiceUnavailableException(
                    "the query instance serving this organisation did not answer: " + e.getMessage(), 1L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while forwarding", 1L);
        }
    }
}
