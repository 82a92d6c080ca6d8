package io.scopecloud.control.web;

import static java.util.Objects.requireNonNull;

import io.scopecloud.control.pipe.End;
import io.scopecloud.control.pipe.PipeKey;
import io.scopecloud.control.pipe.Pipes;
import io.scopecloud.control.probe.ProbeClaimDao;
import io.scopecloud.control.probe.ProbeConnections;
import io.scopecloud.control.probe.ProbeKey;
import io.scopecloud.control.probe.ProbeSocket;
import io.scopecloud.control.probe.SocketSettings;
import io.scopecloud.control.probe.TokenSocket;
import io.scopecloud.control.probe.TokenSockets;
import io.scopecloud.control.routing.InternalSecret;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.token.ProbePrincipal;
import io.scopecloud.tenancy.web.SiteOrigin;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Decides each websocket handshake before the upgrade: who is calling, and which listener serves
 * the connection. Refusals are thrown and written by {@link WebSocketRoutes}.
 */
public final class Handshakes {
    static final String PROBE_ID_HEADER = "X-Scope-Probe-ID";
    private static final Pattern PROBE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final ProbeAuth probeAuth;
    private final OrgAccess access;
    private final SiteOrigin siteOrigin;
    private final ProbeConnections connections;
    private final ProbeClaimDao claims;
    private final TokenSockets tokenSockets;
    private final Pipes pipes;
    private final ScheduledExecutorService timer;
    private final SocketSettings socketSettings;
    private final Clock clock;

    public Handshakes(
            ProbeAuth probeAuth,
            OrgAccess access,
            SiteOrigin siteOrigin,
            ProbeConnections connections,
            ProbeClaimDao claims,
            TokenSockets tokenSockets,
            Pipes pipes,
            ScheduledExecutorService timer,
            SocketSettings socketSettings,
            Clock clock) {
        this.probeAuth = requireNonNull(probeAuth, "probeAuth is null");
        this.access = requireNonNull(access, "access is null");
        this.siteOrigin = requireNonNull(siteOrigin, "siteOrigin is null");
        this.connections = requireNonNull(connections, "connections is null");
        this.claims = requireNonNull(claims, "claims is null");
        this.tokenSockets = requireNonNull(tokenSockets, "tokenSockets is null");
        this.pipes = requireNonNull(pipes, "pipes is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.socketSettings = requireNonNull(socketSettings, "socketSettings is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** {@code GET /api/control/ws}: a probe's control connection (scope-contract §3). */
    Session.Listener probeControl(HandshakeRequest request) {
        String probeId = request.header(PROBE_ID_HEADER);
        if (probeId == null || probeId.isBlank()) {
            throw new HandshakeRejected(400, "\"" + PROBE_ID_HEADER + "\""); // Scope's exact answer
        }
        ProbePrincipal probe = probeAuth.authenticate(request.header(HttpHeaders.AUTHORIZATION));
        String id = probeId.strip();
        if (!PROBE_ID.matcher(id).matches()) {
            throw new BadRequestException(PROBE_ID_HEADER + " must be 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        if (claims.claim(probe.orgId(), id, probe.tokenId()).isEmpty()) {
            // The last connection of a probe id wins: without this, any token of the org could take over
            // another host's controls by sending its probe id.
            throw new ForbiddenException("probe id " + id + " belongs to a probe connected with another token of"
                    + " this organisation; restart the probe with that token, or revoke it first");
        }
        ProbeSocket socket = new ProbeSocket(
                new ProbeKey(probe.orgId(), id),
                UUID.randomUUID(),
                clock.instant(),
                connections,
                timer,
                socketSettings,
                System::nanoTime);
        tokenSockets.add(probe.tokenId(), socket);
        return socket;
    }

    /** {@code GET /api/pipe/{id}/probe}: the probe's end of a pipe. */
    Session.Listener probePipe(HandshakeRequest request, String pipeId) {
        ProbePrincipal probe = probeAuth.authenticate(request.header(HttpHeaders.AUTHORIZATION));
        Session.Listener end = pipes.attach(new PipeKey(probe.orgId(), pipeId), End.PROBE, null);
        if (end instanceof TokenSocket socket) {
            tokenSockets.add(probe.tokenId(), socket);
        }
        return end;
    }

    /** {@code GET /api/app/{org}/api/pipe/{id}}: the UI's end of a pipe. */
    Session.Listener uiPipe(HandshakeRequest request, String org, String pipeId) {
        // A browser sends the session cookie to any site's websocket: refuse other origins first.
        String origin = request.header("Origin");
        if (!siteOrigin.allows(origin, request.header("Host"))) {
            throw new ForbiddenException("websocket from another site refused (Origin " + origin + ")");
        }
        String authorization = request.header(HttpHeaders.AUTHORIZATION);
        OrgCaller caller = access.caller(org, authorization, request.sessionCookie());
        return pipes.attach(new PipeKey(caller.scope().id(), pipeId), End.UI, caller.role());
    }

    /** {@code GET /internal/pipe/{orgId}/{id}/{end}}: an end bridged from another instance. */
    Session.Listener bridgedPipe(HandshakeRequest request, UUID orgId, String pipeId, End end) {
        return pipes.attachBridged(new PipeKey(orgId, pipeId), end, request.header(InternalSecret.HEADER));
    }
}
