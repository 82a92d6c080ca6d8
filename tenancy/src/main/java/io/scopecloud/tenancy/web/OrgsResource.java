package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.web.PortalViews.OrgView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** The orgs a person belongs to: list, create (as owner), rename (admins), delete (owners). */
@Path("/api/orgs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OrgsResource {
    private final Tenancy tenancy;

    OrgsResource(Tenancy tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @GET
    public List<OrgView> mine(@Context HttpHeaders headers) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        return tenancy.members().orgsOf(me.session().userId()).stream()
                .map(OrgView::of)
                .toList();
    }

    @POST
    public Response create(@NotNull @Valid OrgName request, @Context HttpHeaders headers) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        Org org = tenancy.orgs().createOwnedBy(request.name(), me.session().userId());
        return Response.created(URI.create("/api/orgs/" + org.externalId()))
                .entity(OrgView.of(org, Role.OWNER.id()))
                .build();
    }

    @GET
    @Path("{org}")
    public OrgView get(@PathParam("org") String org, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        return OrgView.of(
                tenancy.orgs().find(caller.scope().id()).orElseThrow(),
                caller.role().id());
    }

    @PATCH
    @Path("{org}")
    public OrgView rename(@PathParam("org") String org, @NotNull @Valid OrgName request, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers).require(Role.ADMIN);
        return OrgView.of(
                tenancy.orgs().rename(caller.scope().id(), request.name()),
                caller.role().id());
    }

    @DELETE
    @Path("{org}")
    public Response delete(@PathParam("org") String org, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers).require(Role.OWNER);
        tenancy.orgs().delete(caller.scope().id());
        return Response.noContent().build();
    }

    record OrgName(@JsonProperty("name") @NotBlank @Size(max = 100) String name) {}
}
