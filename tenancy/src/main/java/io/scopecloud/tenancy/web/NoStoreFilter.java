package io.scopecloud.tenancy.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * {@code Cache-Control: no-store} on every answer under {@code /api/} that does not set its own:
 * the portal's answers carry secrets (a new probe token, the CSRF token, the session, the team's
 * emails) that no browser or proxy cache should keep. Errors are covered too.
 */
final class NoStoreFilter implements ContainerResponseFilter {
    static final String NO_STORE = "no-store";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        boolean api = path.equals("api") || path.startsWith("api/") || path.startsWith("/api");
        if (api && !response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
    }
}
