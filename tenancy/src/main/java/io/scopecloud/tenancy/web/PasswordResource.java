package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Locale;
import java.util.Map;

/**
 * Forgotten passwords: asking for a reset link, and using it. Asking always answers 202 with the
 * same body, whether or not the email has an account (no enumeration); the mail goes out in the
 * background, so the time taken says nothing either.
 */
@Path("/api/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class PasswordResource {
    static final Map<String, String> ASKED = Map.of(
            "message",
            "if an account with a confirmed address uses this email, we mailed it a link to reset its password;"
                    + " it works once, for one hour");

    private final Tenancy tenancy;
    private final RateLimiter perAddress;
    private final RateLimiter mailsPerEmail;

    PasswordResource(Tenancy tenancy, RateLimiter perAddress, RateLimiter mailsPerEmail) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
        this.perAddress = requireNonNull(perAddress, "perAddress is null");
        this.mailsPerEmail = requireNonNull(mailsPerEmail, "mailsPerEmail is null");
    }

    @POST
    @Path("forgot")
    public Response forgot(@NotNull @Valid Forgot request, @Context HttpServletRequest http, @Context UriInfo uri) {
        perAddress.acquire("forgot:" + http.getRemoteAddr());
        String email = request.email().strip().toLowerCase(Locale.ROOT);
        if (mailsPerEmail.tryAcquire(email)) {
            tenancy.passwordResets().request(email, tenancy.mails(uri.getBaseUri()));
        }
        return Response.accepted(ASKED).build();
    }

    /** Sets a new password with a reset link's secret; every session of the person ends. */
    @POST
    @Path("reset")
    public Response reset(@NotNull @Valid Reset request, @Context HttpServletRequest http, @Context UriInfo uri) {
        perAddress.acquire("link:" + http.getRemoteAddr());
        tenancy.passwordResets().reset(request.secret(), request.password(), tenancy.mails(uri.getBaseUri()));
        return Response.noContent().build();
    }

    record Forgot(@JsonProperty("email") @NotNull @Size(max = 320) String email) {}

    record Reset(
            @JsonProperty("secret") @NotNull @Size(max = 100) String secret,
            @JsonProperty("password") @NotNull @Size(max = 1024) String password) {}
}
