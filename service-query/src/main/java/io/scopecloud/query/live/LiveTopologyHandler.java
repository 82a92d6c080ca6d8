package io.scopecloud.query.live;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.query.app.ApiParams;
import io.scopecloud.query.owner.Forwarder;
import io.scopecloud.query.owner.Placement;
import io.scopecloud.query.topology.QueryException;
import io.scopecloud.query.topology.TopologyDescriptor;
import io.scopecloud.query.topology.Views;
import io.scopecloud.query.window.HistoricWindows;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.access.OrgScope;
import io.scopecloud.tenancy.web.SiteOrigin;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * {@code GET /api/app/{org}/api/topology/{id}/ws}: Scope's topology websocket, on Jetty's own
 * websocket server. A handler in the application context with its own core container (kept on
 * the Server), so it coexists with other bundles' websockets, core or ee10; anything that is not an
 * upgrade to this path goes on to Jersey. Checks run before the upgrade, so a bad request gets a
 * plain HTTP 400/401/404.
 */
public final class LiveTopologyHandler extends Handler.Wrapper {
    private static final Pattern PATH = Pattern.compile("/api/app/([^/]+)/api/topology/([^/]+)/ws");
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final Duration MIN_INTERVAL = Duration.ofMillis(100);

    private final OrgAccess access;
    private final SiteOrigin siteOrigin;
    private final OrgWindows windows;
    private final HistoricWindows history;
    private final Views views;
    private final LiveUpdates live;
    private final Placement placement;
    private final Duration minPush;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newHttpClient();
    private ServerWebSocketContainer container;

    public LiveTopologyHandler(
            OrgAccess access,
            SiteOrigin siteOrigin,
            OrgWindows windows,
            HistoricWindows history,
            Views views,
            LiveUpdates live,
            Placement placement,
            Duration minPush,
            ObjectMapper json) {
        this.access = requireNonNull(access, "access is null");
        this.siteOrigin = requireNonNull(siteOrigin, "siteOrigin is null");
        this.windows = requireNonNull(windows, "windows is null");
        this.history = requireNonNull(history, "history is null");
        this.views = requireNonNull(views, "views is null");
        this.live = requireNonNull(live, "live is null");
        this.placement = requireNonNull(placement, "placement is null");
        this.minPush = requireNonNull(minPush, "minPush is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    protected void doStart() throws Exception {
        // Kept on the Server, not the context: an ee10 (servlet) websocket container may already be
        // the context's, as in the standalone install where service-control registers its own.
        container = ServerWebSocketContainer.ensure(getServer());
        container.setIdleTimeout(Duration.ofMinutes(5));
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Matcher m = PATH.matcher(Request.getPathInContext(request));
        if (!m.matches() || !"websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
            return super.handle(request, response, callback);
        }
        try {
            Object socket = socketFor(URIUtil.decodePath(m.group(1)), URIUtil.decodePath(m.group(2)), request);
            return container.upgrade((req, resp, cb) -> socket, request, response, callback);
        } catch (QueryException e) {
            Response.writeError(request, response, callback, e.status(), e.getMessage());
        } catch (WebApplicationException e) {
            Response.writeError(request, response, callback, e.getResponse().getStatus(), e.getMessage());
        }
        return true;
    }

    private Object socketFor(String org, String topology, Request request) {
        // A browser sends the session cookie to any site's websocket: refuse other sites (ADR 0007).
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (!siteOrigin.allows(origin, request.getHeaders().get(HttpHeader.HOST))) {
            throw new ForbiddenException("websocket from another site refused (Origin " + origin + ")");
        }
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String session = Request.getCookies(request).stream()
                .filter(c -> c.getName().equals(OrgAccess.SESSION_COOKIE))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
        OrgScope scope = access.caller(org, authorization, session).scope();
        TopologyDescriptor d = views.descriptor(topology);
        Map<String, List<String>> params = ApiParams.of(queryParameters(request));
        Duration interval = Optional.ofNullable(params.get("t"))
                .filter(v -> !v.isEmpty())
                .map(v -> GoDuration.parse(v.get(0)))
                .orElse(DEFAULT_INTERVAL);
        views.registry().options(d, windows.snapshot(scope.id()).report(), params);
        ApiParams.timestamp(params).ifPresent(history::checkServable);
        boolean forwarded = request.getHeaders().get(Forwarder.FORWARDED) != null;
        Optional<URI> owner = placement.remoteOwner(scope.id(), forwarded);
        if (owner.isPresent()) {
            return relay(owner.get(), request, authorization);
        }
        Duration t = interval.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : interval;
        return new TopologySocket(
                scope.id(), topology, params, t, minPush, windows, history, views, live, live.scheduler(), json);
    }

    private RelaySocket relay(URI owner, Request request, String authorization) {
        String scheme = owner.getScheme().equals("https") ? "wss" : "ws";
        String query = request.getHttpURI().getQuery();
        URI target = URI.create(scheme + "://" + owner.getRawAuthority()
                + request.getHttpURI().getPath() + (query == null ? "" : "?" + query));
        Map<String, String> headers = new HashMap<>();
        headers.put(Forwarder.FORWARDED, "1");
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        String cookie = request.getHeaders().get(HttpHeader.COOKIE);
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        return new RelaySocket(http, target, headers);
    }

    private static Map<String, List<String>> queryParameters(Request request) {
        Fields fields = Request.extractQueryParameters(request);
        Map<String, List<String>> out = new HashMap<>();
        for (Fields.Field f : fields) {
            out.put(f.getName(), f.getValues());
        }
        return out;
    }
}
