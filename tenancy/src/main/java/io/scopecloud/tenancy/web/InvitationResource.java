package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.invite.Invite;
import io.scopecloud.tenancy.org.Org;
import io.scopecloud.tenancy.web.PortalViews.InvitationView;
import io.scopecloud.tenancy.web.PortalViews.OrgView;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** An invitation link, seen by the person it was sent to: what it is for, and accepting it. */
@Path("/api/invites/{secret}")
@Produces(MediaType.APPLICATION_JSON)
public final class InvitationResource {
    private final Tenancy tenancy;

    InvitationResource(Tenancy tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @GET
    public InvitationView get(@PathParam("secret") String secret) {
        Invite invite = open(secret);
        Org org = tenancy.orgs().find(invite.orgId()).orElseThrow(InvitationResource::gone);
        return new InvitationView(org.name(), invite.role().id(), invite.expiresAt());
    }

    /** Joins the signed-in person to the org; the link is used up. */
    @POST
    @Path("accept")
    public OrgView accept(@PathParam("secret") String secret, @Context HttpHeaders headers) {
        SignedIn me = SignedIn.require(tenancy.sessions(), headers);
        if (tenancy.emailVerification()) {
            tenancy.accounts()
                    .find(me.session().userId())
                    .filter(u -> !u.emailVerified())
                    .ifPresent(u -> {
                        throw new ForbiddenException("confirm your address " + u.email()
                                + " first: open the link we mailed you (your account page sends a new one)");
                    });
        }
        Invite invite = tenancy.invites().accept(secret, me.session().userId());
        Org org = tenancy.orgs().find(invite.orgId()).orElseThrow(InvitationResource::gone);
        String role = tenancy.members()
                .role(org.id(), me.session().userId())
                .orElseThrow()
                .id();
        return OrgView.of(org, role);
    }

    private Invite open(String secret) {
        return tenancy.invites().find(secret).orElseThrow(InvitationResource::gone);
    }

    private static NotFoundException gone() {
        return new NotFoundException("this invitation is unknown, used or expired: ask for a new one");
    }
}
