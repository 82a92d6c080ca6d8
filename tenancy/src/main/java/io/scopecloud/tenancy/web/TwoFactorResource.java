package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.account.TwoFactor.Enrolment;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Two-factor sign-in: a person's enrolment (QR code, first code, recovery codes), and turning it off. */
@Path("/api/account/two-factor")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TwoFactorResource {
    private final Tenancy tenancy;

    TwoFactorResource(Tenancy tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @GET
    public Map<String, Object> status(@Context HttpHeaders headers) {
        UUID me = SignedIn.require(tenancy.sessions(), headers).session().userId();
        return Map.of(
                "enabled", tenancy.twoFactor().enabled(me),
                "recoveryCodesLeft", tenancy.twoFactor().recoveryCodesLeft(me));
    }

    /** Starts enrolment: a new secret for the authenticator app, with its otpauth URI and QR code. */
    @POST
    public Map<String, String> begin(@Context HttpHeaders headers) {
        UUID me = SignedIn.require(tenancy.sessions(), headers).session().userId();
        Enrolment e = tenancy.twoFactor().begin(me);
        return Map.of("secret", e.secret(), "otpauthUri", e.uri(), "qrCode", e.qrDataUri());
    }

    /** Turns two-factor on with the app's first code; answers the recovery codes, shown this once. */
    @POST
    @Path("confirm")
    public Map<String, List<String>> confirm(@NotNull @Valid Code request, @Context HttpHeaders headers) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        List<String> codes = tenancy.twoFactor().confirm(me.session().userId(), request.code());
        tenancy.sessions().endOthers(me.session().userId(), me.cookieValue());
        return Map.of("recoveryCodes", codes);
    }

    @POST
    @Path("disable")
    public Response disable(@NotNull @Valid Password request, @Context HttpHeaders headers) {
        UUID me = SignedIn.require(tenancy.sessions(), headers).session().userId();
        tenancy.twoFactor().disable(me, request.currentPassword());
        return Response.noContent().build();
    }

    record Code(@JsonProperty("code") @NotNull @Size(max = 64) String code) {}

    record Password(@JsonProperty("currentPassword") @NotNull @Size(max = 1024) String currentPassword) {}
}
