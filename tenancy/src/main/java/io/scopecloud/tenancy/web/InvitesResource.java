package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.account.User;
import io.scopecloud.tenancy.invite.Invites.IssuedInvite;
import io.scopecloud.tenancy.web.PortalViews.InviteView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An org's open invitations: admins create, list and revoke them. */
@Path("/api/orgs/{org}/invites")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class InvitesResource {
    private final Tenancy tenancy;

    InvitesResource(Tenancy tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @GET
    public List<InviteView> list(@PathParam("org") String org, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        return tenancy.invites().listOpen(caller).stream().map(InviteView::of).toList();
    }

    /** Creates an invitation; the answer holds the link, shown this once. */
    @POST
    public Response create(
            @PathParam("org") String org,
            @NotNull @Valid NewInvite request,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        String orgName = tenancy.orgs().find(caller.scope().id()).orElseThrow().name();
        String inviter = caller.user()
                .flatMap(id -> tenancy.accounts().find(id))
                .map(User::email)
                .orElse(caller.actor());
        OrgCaller asInviter = new OrgCaller(caller.scope(), caller.role(), caller.userId(), inviter);
        IssuedInvite issued = tenancy.invites()
                .create(
                        asInviter,
                        orgName,
                        blankToNull(request.email()),
                        MembersResource.Roles.parse(request.role()),
                        uri.getBaseUri());
        return Response.status(Response.Status.CREATED)
                .entity(InviteView.of(issued))
                .build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("org") String org, @PathParam("id") UUID id, @Context HttpHeaders headers) {
        tenancy.invites().revoke(tenancy.orgAccess().member(org, headers), id);
        return Response.noContent().build();
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    record NewInvite(
            @JsonProperty("email") @Email @Size(max = 320) @Nullable String email,
            @JsonProperty("role") @NotNull String role) {}
}
