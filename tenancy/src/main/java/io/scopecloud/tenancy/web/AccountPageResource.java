package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.account.User;
import io.scopecloud.tenancy.session.SessionInfo;
import io.scopecloud.tenancy.web.PortalViews.AccountView;
import io.scopecloud.tenancy.web.PortalViews.SessionRowView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The account page: the person's address, their sessions, changing the address, and leaving. */
@Path("/api/account")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class AccountPageResource {
    private final Tenancy tenancy;
    private final SessionCookies cookies;
    private final RateLimiter perAddress;

    AccountPageResource(Tenancy tenancy, SessionCookies cookies, RateLimiter perAddress) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
        this.cookies = requireNonNull(cookies, "cookies is null");
        this.perAddress = requireNonNull(perAddress, "perAddress is null");
    }

    @GET
    public AccountView get(@Context HttpHeaders headers) {
        return AccountView.of(user(SignedIn.require(tenancy.sessions(), headers)), tenancy.emailVerification());
    }

    /** Mails a new verification link to the current address. */
    @POST
    @Path("verification")
    public Response resendVerification(
            @Context HttpHeaders headers, @Context HttpServletRequest http, @Context UriInfo uri) {
        User user = user(SignedIn.require(tenancy.sessions(), headers));
        if (user.emailVerified()) {
            return Response.status(409)
                    .entity(Map.of("code", 409, "message", "your address is already confirmed"))
                    .build();
        }
        perAddress.acquire("verification:" + user.id());
        tenancy.emailAddresses().sendVerification(user, tenancy.mails(uri.getBaseUri()));
        return Response.accepted(Map.of("message", "we mailed a new link to " + user.email()))
                .build();
    }

    /** Asks to change the address: a link goes to the new one, a notice to the old one. */
    @POST
    @Path("email")
    public Response changeEmail(
            @NotNull @Valid EmailChange request, @Context HttpHeaders headers, @Context UriInfo uri) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        perAddress.acquire("email-change:" + me.session().userId());
        tenancy.emailAddresses()
                .requestChange(
                        me.session().userId(),
                        request.currentPassword(),
                        request.newEmail(),
                        tenancy.mails(uri.getBaseUri()));
        return Response.accepted(Map.of(
                        "message",
                        "we mailed a link to " + request.newEmail().strip()
                                + ": your address changes when you open it"))
                .build();
    }

    @GET
    @Path("sessions")
    public List<SessionRowView> sessions(@Context HttpHeaders headers) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        return tenancy.sessionDirectory().list(me.session().userId()).stream()
                .map(s -> SessionRowView.of(s, current(me, s)))
                .toList();
    }

    /** Ends one of the person's sessions (this one too, which signs this browser out). */
    @DELETE
    @Path("sessions/{id}")
    public Response endSession(@PathParam("id") String id, @Context HttpHeaders headers) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        UUID publicId;
        try {
            publicId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no session " + id + " of yours");
        }
        if (!tenancy.sessionDirectory().end(me.session().userId(), publicId)) {
            throw new NotFoundException("no session " + id + " of yours: it may have ended already");
        }
        return Response.noContent().build();
    }

    /** Ends every session of the person but this one. */
    @DELETE
    @Path("sessions")
    public Response endOtherSessions(@Context HttpHeaders headers) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        tenancy.sessions().endOthers(me.session().userId(), me.cookieValue());
        return Response.noContent().build();
    }

    /** Deletes the account (current password required); refused while the person is an org's only owner. */
    @POST
    @Path("delete")
    public Response delete(@NotNull @Valid Deletion request, @Context HttpHeaders headers) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        tenancy.accountDeletion().delete(me.session().userId(), request.currentPassword());
        tenancy.sessions().forgetCached(me.session().userId());
        return Response.noContent().cookie(cookies.clear()).build();
    }

    private User user(SignedIn me) {
        return tenancy.accounts()
                .find(me.session().userId())
                .orElseThrow(() -> new NotAuthorizedException("sign in first", "Session"));
    }

    private static boolean current(SignedIn me, SessionInfo s) {
        return Arrays.equals(s.idHash(), me.session().idHash());
    }

    record EmailChange(
            @JsonProperty("newEmail") @NotNull @Size(max = 320) String newEmail,
            @JsonProperty("currentPassword") @NotNull @Size(max = 1024) String currentPassword) {}

    record Deletion(@JsonProperty("currentPassword") @NotNull @Size(max = 1024) String currentPassword) {}
}
