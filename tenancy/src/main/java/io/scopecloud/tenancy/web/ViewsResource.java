package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.view.SharedView;
import io.scopecloud.tenancy.view.ViewSpec;
import io.scopecloud.tenancy.web.PortalViews.ViewView;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Saved views of an org's map: members save and share them; anyone in the org opens shared ones. */
@Path("/api/orgs/{org}/views")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class ViewsResource {
    private static final TypeReference<Map<String, String>> OPTIONS = new TypeReference<>() {};

    private final Tenancy tenancy;
    private final ObjectMapper json;

    ViewsResource(Tenancy tenancy, ObjectMapper json) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
        this.json = requireNonNull(json, "json is null");
    }

    @GET
    public List<ViewView> list(@PathParam("org") String org, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        return tenancy.views().list(caller).stream().map(v -> view(v, caller)).toList();
    }

    @POST
    public Response create(@PathParam("org") String org, @NotNull @Valid ViewSpec spec, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        SharedView saved = tenancy.views().create(caller, spec);
        return Response.created(URI.create("/api/orgs/" + caller.scope().externalId() + "/views/" + saved.id()))
                .entity(view(saved, caller))
                .build();
    }

    @GET
    @Path("{id}")
    public ViewView get(@PathParam("org") String org, @PathParam("id") UUID id, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        return view(tenancy.views().get(caller, id), caller);
    }

    @PUT
    @Path("{id}")
    public ViewView update(
            @PathParam("org") String org,
            @PathParam("id") UUID id,
            @NotNull @Valid ViewSpec spec,
            @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        return view(tenancy.views().update(caller, id, spec), caller);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("org") String org, @PathParam("id") UUID id, @Context HttpHeaders headers) {
        tenancy.views().delete(tenancy.orgAccess().member(org, headers), id);
        return Response.noContent().build();
    }

    private ViewView view(SharedView v, OrgCaller caller) {
        try {
            return ViewView.of(v, json.readValue(v.options(), OPTIONS), caller.userId());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored options of view " + v.id() + " are not a JSON object", e);
        }
    }
}
