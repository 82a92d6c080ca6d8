package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.web.PortalViews.MemberView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** An org's team: everyone may see it; admins change roles and remove people; anyone may leave. */
@Path("/api/orgs/{org}/members")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class MembersResource {
    private final Tenancy tenancy;

    MembersResource(Tenancy tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @GET
    public List<MemberView> list(@PathParam("org") String org, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        return tenancy.members().list(caller.scope().id()).stream()
                .map(MemberView::of)
                .toList();
    }

    @PATCH
    @Path("{userId}")
    public Response changeRole(
            @PathParam("org") String org,
            @PathParam("userId") UUID userId,
            @NotNull @Valid RoleChange request,
            @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        tenancy.members().changeRole(caller, userId, Roles.parse(request.role()));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{userId}")
    public Response remove(
            @PathParam("org") String org, @PathParam("userId") UUID userId, @Context HttpHeaders headers) {
        tenancy.members().remove(tenancy.orgAccess().member(org, headers), userId);
        return Response.noContent().build();
    }

    record RoleChange(@JsonProperty("role") @NotNull String role) {}

    /** Role names in requests. */
    static final class Roles {
        private Roles() {}

        static Role parse(String id) {
            try {
                return Role.fromId(id);
            } catch (IllegalArgumentException e) {
                throw new jakarta.ws.rs.BadRequestException(
                        "unknown role '" + id + "': use owner, admin, member or viewer");
            }
        }
    }
}
