package io.scopecloud.control.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.access.OrgCaller;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

/**
 * {@code POST /api/app/{org}/api/control/{probeID}/{nodeID}/{control}}, Weave Scope's control
 * call under an org (scope-contract §3): 200 with the probe's answer; 400 with Scope's text when
 * the probe is not connected or the control fails; 403 for a role that may not run it; 404 for
 * another org; 502 if the probe drops mid-call; 504 when it does not answer in time.
 */
@Path("/api/app/{org}/api/control/{probeId}/{nodeId}/{control}")
@Produces(MediaType.APPLICATION_JSON)
public final class ControlResource {
    private final OrgAccess access;
    private final ControlService controls;
    private final int maxArgsBytes;

    public ControlResource(OrgAccess access, ControlService controls, int maxArgsBytes) {
        this.access = requireNonNull(access, "access is null");
        this.controls = requireNonNull(controls, "controls is null");
        this.maxArgsBytes = maxArgsBytes;
    }

    @POST
    public JsonNode invoke(
            @PathParam("org") String org,
            @PathParam("probeId") String probeId,
            @PathParam("nodeId") String nodeId,
            @PathParam("control") String control,
            @Context HttpHeaders headers,
            InputStream body) {
        OrgCaller caller = access.caller(org, headers);
        return controls.invoke(caller, probeId, nodeId, control, ControlArgs.read(body, maxArgsBytes));
    }
}
