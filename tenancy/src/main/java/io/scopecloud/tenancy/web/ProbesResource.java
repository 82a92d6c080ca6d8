package io.scopecloud.tenancy.web;

import static java.util.Objects.requireNonNull;

import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import io.scopecloud.tenancy.web.PortalViews.ProbeView;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The probes an org has heard from: connected while it keeps reporting, control-connected while
 * a control instance holds its websocket.
 */
@Path("/api/orgs/{org}/probes")
@Produces(MediaType.APPLICATION_JSON)
public final class ProbesResource {
    /** Probes report every 3 s and their sightings are written at most every 30 s. */
    static final Duration CONNECTED_WITHIN = Duration.ofSeconds(45);

    private final Tenancy tenancy;
    private final Clock clock;

    ProbesResource(Tenancy tenancy, Clock clock) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Forgets a gone probe (admins): 204; 409 while it still reports or holds a control connection; 404 for a probe
     * the org never heard from. A forgotten probe that reports again is listed again.
     */
    @DELETE
    @Path("{probe}")
    public Response forget(
            @PathParam("org") String org, @PathParam("probe") String probe, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        caller.require(Role.ADMIN);
        UUID orgId = caller.scope().id();
        if (tenancy.probes().forgetGone(orgId, probe, clock.instant().minus(CONNECTED_WITHIN)) > 0) {
            return Response.noContent().build();
        }
        boolean known =
                tenancy.probes().list(orgId).stream().anyMatch(p -> p.probeId().equals(probe));
        if (!known) {
            throw new NotFoundException("this organisation has no probe " + probe);
        }
        throw new ClientErrorException(
                "probe " + probe + " still reports: stop it on its host first, then remove it",
                Response.Status.CONFLICT);
    }

    @GET
    public List<ProbeView> list(@PathParam("org") String org, @Context HttpHeaders headers) {
        OrgCaller caller = tenancy.orgAccess().member(org, headers);
        Instant since = clock.instant().minus(CONNECTED_WITHIN);
        return tenancy.probes().list(caller.scope().id()).stream()
                .map(p -> ProbeView.of(p, since))
                .toList();
    }
}
