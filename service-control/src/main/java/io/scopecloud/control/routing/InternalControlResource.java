package io.scopecloud.control.routing;

import static java.util.Objects.requireNonNull;

import io.scopecloud.control.probe.ProbeConnections;
import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.ControlRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The API control instances call on each other: run a forwarded call on a probe connection held
 * here, or close a connection a newer one replaced. Without the shared secret, every path is 404.
 * Path routing in front of the service must not expose {@code /internal}.
 */
@Path("/internal/control/{orgId}/{probeId}")
@Produces(MediaType.APPLICATION_JSON)
public final class InternalControlResource {
    private static final long MAX_TIMEOUT_MS = Duration.ofMinutes(5).toMillis();

    private final InternalSecret secret;
    private final LocalControls local;
    private final ProbeConnections connections;

    public InternalControlResource(InternalSecret secret, LocalControls local, ProbeConnections connections) {
        this.secret = requireNonNull(secret, "secret is null");
        this.local = requireNonNull(local, "local is null");
        this.connections = requireNonNull(connections, "connections is null");
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public InternalAnswer call(
            @HeaderParam(InternalSecret.HEADER) @Nullable String presented,
            @PathParam("orgId") UUID orgId,
            @PathParam("probeId") String probeId,
            InternalCall call) {
        secret.require(presented);
        ProbeKey key = new ProbeKey(orgId, probeId);
        long timeoutMs = Math.max(1, Math.min(call.timeoutMs(), MAX_TIMEOUT_MS));
        try {
            return InternalAnswer.ok(local.call(
                    key, ControlRequest.of(call.nodeId(), call.control(), call.args()), Duration.ofMillis(timeoutMs)));
        } catch (ControlFailure failure) {
            return InternalAnswer.failed(failure);
        }
    }

    @POST
    @Path("evict/{connectionId}")
    public Response evict(
            @HeaderParam(InternalSecret.HEADER) @Nullable String presented,
            @PathParam("orgId") UUID orgId,
            @PathParam("probeId") String probeId,
            @PathParam("connectionId") UUID connectionId) {
        secret.require(presented);
        connections.evict(new ProbeKey(orgId, probeId), connectionId);
        return Response.noContent().build();
    }
}
