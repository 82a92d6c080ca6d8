package io.scopecloud.query.owner;

import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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
            List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE, HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_ENCODING);
    /** Passed back as the owner sent them: its gzipped bytes stay gzipped (the JDK client never inflates). */
    private static final List<String> RETURNED_HEADERS =
            List.of(HttpHeaders.CONTENT_ENCODING, HttpHeaders.VARY, HttpHeaders.CACHE_CONTROL);

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
            for (String name : RETURNED_HEADERS) {
                response.headers().firstValue(name).ifPresent(value -> out.header(name, value));
            }
            return out.build();
        } catch (ConnectException | HttpConnectTimeoutException e) {
            // nothing reached the owner: the caller may answer itself (ADR 5), as during a rebalance
            throw new OwnerUnreachableException(owner, e);
        } catch (IOException e) {
            throw new ServiceUnavailableException(
                    "the query instance serving this organisation did not answer: " + e.getMessage(), 1L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("interrupted while forwarding", 1L);
        }
    }

    /**
     * The owner refused or did not accept the connection (killed, cut off): no request reached it,
     * so answering from this instance instead is safe. Its group membership lasts until its
     * session times out, so until then the group still names it.
     */
    public static final class OwnerUnreachableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OwnerUnreachableException(URI owner, IOException cause) {
            super("the query instance at " + owner + " did not accept the connection: " + cause, cause);
        }
    }
}
