package io.scopecloud.common.web;

import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;

/**
 * Answers on Weave Scope's own routes ({@code /api/app/{org}/api} and below) as Scope's app does: {@code Cache-Control:
 * no-cache} (with {@code no-store}, which the portal's routes say) unless a resource said otherwise, and an error as a bare JSON string ({@code "probe x is not connected
 * right now"}) instead of Dropwizard's {@code {"code","message"}}, which the portal's own routes keep. JSON strings are
 * escaped as Go escapes them ({@link GoJsonEscapes}).
 */
public final class ScopeAppApiResponses implements ContainerResponseFilter {
    /** Scope's {@code no-cache}, and the portal's {@code no-store}: an org's map is nobody else's to keep. */
    static final String CACHE_CONTROL = "no-cache, no-store";

    private static final Pattern SCOPE_APP_API = Pattern.compile("/?api/app/[^/]+/api(/.*)?");

    private ScopeAppApiResponses() {}

    /** Installs the filter and Go's escapes once, however many services of one process ask. */
    public static void install(Environment environment) {
        if (!environment.jersey().getResourceConfig().isRegistered(ScopeAppApiResponses.class)) {
            environment.jersey().register(new ScopeAppApiResponses());
            GoJsonEscapes.install(environment.getObjectMapper());
        }
    }

    static boolean isScopeAppApi(String path) {
        return SCOPE_APP_API.matcher(path).matches();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!isScopeAppApi(request.getUriInfo().getPath())) {
            return;
        }
        Object cacheControl = response.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL);
        if (cacheControl == null || "no-store".equals(cacheControl.toString())) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        }
        if (response.getStatus() >= 400 && response.getEntity() instanceof ErrorMessage error) {
            String message = error.getMessage() == null ? "" : error.getMessage();
            response.setEntity(new TextNode(message), response.getEntityAnnotations(), MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
