package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.account.User;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Opening a mailed email link: verifies the address, or completes a change of address. */
@Path("/api/email")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class EmailResource {
    private final Tenancy tenancy;
    private final RateLimiter perAddress;

    EmailResource(Tenancy tenancy, RateLimiter perAddress) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
        this.perAddress = requireNonNull(perAddress, "perAddress is null");
    }

    @POST
    @Path("verify")
    public Map<String, Object> verify(@NotNull @Valid Link request, @Context HttpServletRequest http) {
        perAddress.acquire("link:" + http.getRemoteAddr());
        User user = tenancy.emailAddresses().confirm(request.secret());
        return Map.of("email", user.email(), "emailVerified", true);
    }

    record Link(@JsonProperty("secret") @NotNull @Size(max = 100) String secret) {}
}
