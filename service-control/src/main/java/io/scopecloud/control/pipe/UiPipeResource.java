package io.scopecloud.control.pipe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Scope's pipe routes as the UI calls them under an org: {@code GET …/api/pipe/{id}/check} and
 * {@code DELETE} or {@code POST …/api/pipe/{id}}. The pipe's websocket on the same path is served
 * by {@code WebSocketRoutes}. Another org's pipe is 404.
 */
@Path("/api/app/{org}/api/pipe/{pipeId}")
public final class UiPipeResource {
    private final OrgAccess access;
    private final Pipes pipes;

    public UiPipeResource(OrgAccess access, Pipes pipes) {
        this.access = requireNonNull(access, "access is null");
        this.pipes = requireNonNull(pipes, "pipes is null");
    }

    @GET
    @Path("check")
    public Response check(
            @PathParam("org") String org, @PathParam("pipeId") String pipeId, @Context HttpHeaders headers) {
        OrgCaller caller = access.caller(org, headers);
        return ProbePipeResource.PipeAnswers.check(
                pipes.isOpen(new PipeKey(caller.scope().id(), pipeId)), pipeId);
    }

    @DELETE
    public Response delete(
            @PathParam("org") String org, @PathParam("pipeId") String pipeId, @Context HttpHeaders headers) {
        OrgCaller caller = access.caller(org, headers).require(Role.MEMBER);
        return ProbePipeResource.PipeAnswers.deleted(
                pipes.delete(new PipeKey(caller.scope().id(), pipeId), caller.role()), pipeId);
    }

    @POST
    public Response deleteByPost(
            @PathParam("org") String org, @PathParam("pipeId") String pipeId, @Context HttpHeaders headers) {
        return delete(org, pipeId, headers);
    }
}
