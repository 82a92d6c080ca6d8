package io.scopecloud.control.pipe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.control.routing.InternalSecret;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** {@code POST /internal/pipe/{orgId}/{pipeId}/close}: another instance closed a pipe homed here. */
@Path("/internal/pipe/{orgId}/{pipeId}/close")
public final class InternalPipeResource {
    private final Pipes pipes;

    public InternalPipeResource(Pipes pipes) {
        this.pipes = requireNonNull(pipes, "pipes is null");
    }

    @POST
    public Response close(
            @HeaderParam(InternalSecret.HEADER) @Nullable String presented,
            @PathParam("orgId") UUID orgId,
            @PathParam("pipeId") String pipeId) {
        pipes.closeHere(new PipeKey(orgId, pipeId), presented);
        return Response.noContent().build();
    }
}
