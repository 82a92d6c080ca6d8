package io.scopecloud.standalone;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What {@code /} shows until the web UI is served there: what runs here and how to use it. */
@Path("/")
public final class LandingResource {
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String get() {
        return """
            Scope Cloud

            This service speaks Weave Scope's probe and app APIs.
              Probes:  POST /api/report, GET /api   (Authorization: Scope-Probe token=<token>)
              Views:   GET /api/app/<org id>/api/report
                       GET /api/app/<org id>/api/topology/hosts   (Authorization: Bearer <token>)

            Create an organisation and a probe token with:
              ./scope-cloud admin create-org "My org"
            """;
    }
}
