package io.scopecloud.ingest.report;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * A report refused before its body was read (wrong token, unsupported encoding, declared too
 * large) is answered with {@code Connection: close}: the server cannot reuse a connection with an
 * unread body on it and closes it anyway, and a client that was not told so sends its next report
 * on the dead connection and loses it.
 */
public final class RefusalsCloseTheConnection implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400
                && "POST".equals(request.getMethod())
                && request.getUriInfo().getPath().endsWith("api/report")) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }
}
