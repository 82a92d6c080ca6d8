package io.scopecloud.tenancy.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /api/openapi.yaml}: the portal API's description. */
@Path("/api/openapi.yaml")
public final class OpenApiResource {
    private final byte[] document;

    OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi/portal.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/portal.yaml is missing from the tenancy jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces("application/yaml")
    public byte[] get() {
        return document.clone();
    }
}
