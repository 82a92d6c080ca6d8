package io.scopecloud.control.web;

import static java.util.Objects.requireNonNull;

import io.scopecloud.control.routing.InternalSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The first check on every {@code /internal} path, any method, websocket upgrades included: without the shared
 * {@link InternalSecret} the answer is the same 404 as a path that does not exist, before anything reads the
 * method, parameters or body (which would otherwise tell a 400 or 405 from a 404 and so reveal the API).
 */
public final class InternalPathsGate extends Handler.Wrapper {
    static final String NOT_FOUND_BODY = "{\"code\":404,\"message\":\"HTTP 404 Not Found\"}";

    private final InternalSecret secret;

    public InternalPathsGate(InternalSecret secret) {
        this.secret = requireNonNull(secret, "secret is null");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (isInternal(path) && !secret.matches(request.getHeaders().get(InternalSecret.HEADER))) {
            byte[] body = NOT_FOUND_BODY.getBytes(StandardCharsets.UTF_8);
            response.setStatus(404);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            // The request's body is never read, so the connection cannot carry another request.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
        return super.handle(request, response, callback);
    }

    static boolean isInternal(String path) {
        return path.equals("/internal") || path.startsWith("/internal/");
    }
}
