package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.web.PortalViews.TokenView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * An org's probe tokens, for admins: listed by prefix with last use; created and rotated (the
 * secret is in that one answer only); revoked (probes stop within the token cache's lifetime).
 */
@Path("/api/orgs/{org}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TokensResource {
    private final Tenancy tenancy;

    TokensResource(Tenancy tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @GET
    public List<TokenView> list(@PathParam("org") String org, @Context HttpHeaders headers) {
        OrgCaller caller = admin(org, headers);
        return tenancy.probeTokens().list(caller.scope().id()).stream()
                .map(TokenView::of)
                .toList();
    }

    @POST
    public Response create(
            @PathParam("org") String org, @NotNull @Valid TokenName request, @Context HttpHeaders headers) {
        OrgCaller caller = admin(org, headers);
        TokenView created =
                TokenView.of(tenancy.probeTokens().issue(caller.scope().id(), request.name(), caller.userId()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @POST
    @Path("{id}/rotate")
    public Response rotate(@PathParam("org") String org, @PathParam("id") UUID id, @Context HttpHeaders headers) {
        OrgCaller caller = admin(org, headers);
        TokenView rotated =
                TokenView.of(tenancy.probeTokens().rotate(caller.scope().id(), id, caller.userId()));
        return Response.status(Response.Status.CREATED).entity(rotated).build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("org") String org, @PathParam("id") UUID id, @Context HttpHeaders headers) {
        OrgCaller caller = admin(org, headers);
        if (!tenancy.probeTokens().revoke(caller.scope().id(), id)) {
            throw new NotFoundException("no live token " + id);
        }
        return Response.noContent().build();
    }

    private OrgCaller admin(String org, HttpHeaders headers) {
        return tenancy.orgAccess().member(org, headers).require(Role.ADMIN);
    }

    record TokenName(@JsonProperty("name") @NotBlank @Size(max = 100) String name) {}
}
