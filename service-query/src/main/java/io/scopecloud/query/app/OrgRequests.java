package io.scopecloud.query.app;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.scopecloud.query.owner.Forwarder;
import io.scopecloud.query.owner.Placement;
import io.scopecloud.query.window.HistoricWindows;
import io.scopecloud.query.window.OrgSnapshot;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.access.OrgScope;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The steps every UI request takes: check the caller may see the org (else 401/404), send the
 * request to the instance that owns the org if that is another one, else answer from this
 * instance's window (waiting out a hand-over, see {@link Placement}).
 */
public final class OrgRequests {
    private final OrgAccess access;
    private final OrgWindows windows;
    private final Placement placement;
    private final Forwarder forwarder;
    private final HistoricWindows history;
    private final SharedJson json;

    public OrgRequests(
            OrgAccess access,
            OrgWindows windows,
            HistoricWindows history,
            Placement placement,
            Forwarder forwarder,
            ObjectMapper json) {
        this.json = new SharedJson(json);
        this.history = requireNonNull(history, "history is null");
        this.access = requireNonNull(access, "access is null");
        this.windows = requireNonNull(windows, "windows is null");
        this.placement = requireNonNull(placement, "placement is null");
        this.forwarder = requireNonNull(forwarder, "forwarder is null");
    }

    public Response serve(String org, HttpHeaders headers, UriInfo uri, Function<OrgSnapshot, Object> body) {
        return route(org, headers, uri, (scope, snapshot) -> {
            Object entity = body.apply(snapshot);
            return entity instanceof Response r ? r : Response.ok(entity).build();
        });
    }

    /**
     * As {@link #serve}, for a JSON answer that depends only on the snapshot and the request's path and query: it is
     * encoded (and gzipped) once per snapshot and shared by every caller.
     */
    public Response serveJson(
            String org, HttpHeaders headers, UriInfo uri, String route, Function<OrgSnapshot, Object> body) {
        return route(org, headers, uri, (scope, snapshot) -> json.answer(snapshot, uri, headers, scope, route, body));
    }

    private Response route(
            String org, HttpHeaders headers, UriInfo uri, BiFunction<UUID, OrgSnapshot, Response> answer) {
        OrgScope scope = access.require(org, headers);
        boolean forwarded = headers.getHeaderString(Forwarder.FORWARDED) != null;
        Optional<URI> owner = placement.remoteOwner(scope.id(), forwarded);
        Optional<URI> unreachable = Optional.empty();
        while (owner.isPresent() && !owner.equals(unreachable)) {
            URI request = uri.getRequestUri();
            String raw = request.getRawPath() + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery());
            try {
                return forwarder.forward(owner.get(), raw, headers);
            } catch (Forwarder.OwnerUnreachableException e) {
                // the owner is gone: its group session ends and the org moves. Ask again (waiting out
                // the hand-over); if the group still names the gone owner, answer from this
                // instance's own state, an emptier view for a moment rather than an error (ADR 5)
                placement.ownerUnreachable();
                unreachable = owner;
                owner = placement.remoteOwner(scope.id(), false);
            }
        }
        return answer.apply(
                scope.id(), history.snapshot(windows, scope.id(), ApiParams.timestamp(uri.getQueryParameters())));
    }

    public OrgWindows windows() {
        return windows;
    }

    /** What computes the recent reads of an org when its reports change (register it with the windows). */
    public Prerender prerender(MeterRegistry registry) {
        return new Prerender(windows, json, registry);
    }

    /** The shortcut for the hot reads that {@link #serveJson} has answered once (see {@link FastReads}). */
    /** The hot reads in front of Jersey; they note every request of an org's API in {@code activity}. */
    public FastReads fastReads(RequestActivity activity, MeterRegistry registry) {
        return new FastReads(access, windows, placement, json, activity, registry);
    }
}
