package io.scopecloud.ui;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code index.html} for {@code /} and for any GET no other resource matches. JAX-RS picks the
 * root resource with the most literal characters first, so this catch-all only answers paths
 * that nothing else claims; under {@code /api} and {@code /admin} it answers 404 rather than a
 * page, so API clients still see a plain "not found".
 */
@Path("/")
public final class UiResource {
    /** The app may change at any deploy; its hashed assets are what browsers cache. */
    static final String NO_CACHE = "no-cache";

    /**
     * {@code connect-src 'self'} also covers this site's own websockets (the map and the shell:
     * CSP Level 3 matches ws: and wss: to the page's host); it used to say {@code ws: wss:}, which
     * let a script injected into the page open a websocket to any host (issue 17).
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " img-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none';"
                    + " base-uri 'self'; form-action 'self'";

    private final IndexPage index;

    UiResource(IndexPage index) {
        this.index = requireNonNull(index, "index is null");
    }

    @GET
    public Response root() {
        return page();
    }

    @GET
    @Path("{path: .+}")
    public Response app(@PathParam("path") String path) {
        if (isReserved(path)) {
            throw new NotFoundException("nothing at /" + path);
        }
        return page();
    }

    static boolean isReserved(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.equals("api")
                || p.startsWith("api/")
                || p.equals("admin")
                || p.startsWith("admin/")
                || p.startsWith("assets/")
                || p.startsWith("install/")
                || p.startsWith("internal/");
    }

    private Response page() {
        return Response.ok(index.html(), "text/html; charset=utf-8")
                .header("Cache-Control", NO_CACHE)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .build();
    }
}
