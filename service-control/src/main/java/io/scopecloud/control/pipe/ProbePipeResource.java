package io.scopecloud.control.pipe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.control.web.ProbeAuth;
import io.scopecloud.tenancy.token.ProbePrincipal;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jspecify.annotations.Nullable;

/**
 * Scope's pipe routes as probes call them, with the probe token: {@code GET /api/pipe/{id}/check}
 * (204 open, 404 closed or unknown) and {@code DELETE} or {@code POST /api/pipe/{id}} (close).
 */
@Path("/api/pipe/{pipeId}")
public final class ProbePipeResource {
    private final ProbeAuth auth;
    private final Pipes pipes;

    public ProbePipeResource(ProbeAuth auth, Pipes pipes) {
        this.auth = requireNonNull(auth, "auth is null");
        this.pipes = requireNonNull(pipes, "pipes is null");
    }

    @GET
    @Path("check")
    public Response check(
            @HeaderParam(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
            @PathParam("pipeId") String pipeId) {
        return PipeAnswers.check(pipes.isOpen(key(authorization, pipeId)), pipeId);
    }

    @DELETE
    public Response delete(
            @HeaderParam(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
            @PathParam("pipeId") String pipeId) {
        return PipeAnswers.deleted(pipes.delete(key(authorization, pipeId)), pipeId);
    }

    @POST
    public Response deleteByPost(
            @HeaderParam(HttpHeaders.AUTHORIZATION) @Nullable String authorization,
            @PathParam("pipeId") String pipeId) {
        return delete(authorization, pipeId);
    }

    private PipeKey key(@Nullable String authorization, String pipeId) {
        ProbePrincipal probe = auth.authenticate(authorization);
        return new PipeKey(probe.orgId(), pipeId);
    }

    /** The answers both pipe resources give. */
    static final class PipeAnswers {
        private PipeAnswers() {}

        static Response check(boolean open, String pipeId) {
            if (!open) {
                throw new NotFoundException("pipe " + pipeId + " is not open");
            }
            return Response.noContent().build();
        }

        static Response deleted(boolean existed, String pipeId) {
            if (!existed) {
                throw new NotFoundException("no pipe " + pipeId);
            }
            return Response.ok().build();
        }
    }
}
