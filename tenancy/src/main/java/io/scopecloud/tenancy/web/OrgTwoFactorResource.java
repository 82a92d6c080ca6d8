package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * Whether an org requires two-factor sign-in of its members: members may read it, owners set it.
 * A member without two-factor then gets 403 from every route of the org (OrgAccess), shells included.
 */
@Path("/api/orgs/{org}/two-factor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class OrgTwoFactorResource {
    private final Tenancy tenancy;

    OrgTwoFactorResource(Tenancy tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @GET
    public Map<String, Boolean> orgSetting(@PathParam("org") String org, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        return Map.of("required", tenancy.twoFactor().required(caller.scope().id()));
    }

    /** Owners only: whether every member must sign in with two-factor to use the org. */
    @PUT
    public Map<String, Boolean> setOrgSetting(
            @PathParam("org") String org, @NotNull @Valid Requirement request, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        caller.require(Role.OWNER);
        tenancy.twoFactor()
                .require(
                        caller.scope().id(),
                        caller.user().orElseThrow(),
                        request.required().booleanValue());
        return Map.of("required", request.required());
    }

    record Requirement(@JsonProperty("required") @NotNull Boolean required) {}
}
