package io.scopecloud.control.web;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jersey.errors.ErrorMessage;
import io.scopecloud.control.pipe.End;
import io.scopecloud.tenancy.access.OrgAccess;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control service's websocket endpoints, as a handler in the application context in front of
 * Jersey: it takes only websocket upgrades on its own paths, decides them ({@link Handshakes}),
 * answers a refusal with {@code {"code","message"}} (or Scope's exact body where probes may care),
 * and upgrades through the context's {@link ServerWebSocketContainer}, which other bundles' handlers
 * (the query service's topology websocket) share. Everything else goes on down the chain.
 */
public final class WebSocketRoutes extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoutes.class);
    private static final String SEGMENT = "([A-Za-z0-9._:~-]{1,128})";
    private static final Pattern PROBE_PIPE = Pattern.compile("/api/pipe/" + SEGMENT + "/probe");
    private static final Pattern UI_PIPE = Pattern.compile("/api/app/" + SEGMENT + "/api/pipe/" + SEGMENT);
    private static final Pattern BRIDGED_PIPE =
            Pattern.compile("/internal/pipe/([0-9a-fA-F-]{36})/" + SEGMENT + "/(ui|probe)");

    private final ContextHandler context;
    private final Handshakes handshakes;
    private final ObjectMapper json;
    private volatile @Nullable ServerWebSocketContainer container;

    public WebSocketRoutes(ContextHandler context, Handshakes handshakes, ObjectMapper json) {
        this.context = requireNonNull(context, "context is null");
        this.handshakes = requireNonNull(handshakes, "handshakes is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    protected void doStart() throws Exception {
        container = ServerWebSocketContainer.ensure(getServer(), context); // shared, idempotent
        super.doStart();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!"websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE))) {
            return super.handle(request, response, callback);
        }
        Session.Listener listener;
        try {
            listener = decide(Request.getPathInContext(request), handshakeRequest(request));
        } catch (HandshakeRejected e) {
            write(response, callback, e.status(), null, e.jsonBody());
            return true;
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            write(
                    response,
                    callback,
                    status,
                    e.getResponse().getHeaderString("WWW-Authenticate"),
                    json.writeValueAsString(new ErrorMessage(status, e.getMessage())));
            return true;
        }
        if (listener == null) {
            return super.handle(request, response, callback); // someone else's websocket
        }
        boolean upgraded = false;
        try {
            upgraded = requireNonNull(container, "not started")
                    .upgrade((upgradeRequest, upgradeResponse, cb) -> listener, request, response, callback);
        } finally {
            if (!upgraded && listener instanceof AutoCloseable closeable) {
                closeQuietly(closeable);
            }
        }
        if (!upgraded) {
            write(
                    response,
                    callback,
                    400,
                    null,
                    json.writeValueAsString(new ErrorMessage(400, "not a valid websocket handshake")));
        }
        return true;
    }

    private Session.@Nullable Listener decide(String path, HandshakeRequest request) {
        if (path.equals("/api/control/ws")) {
            return handshakes.probeControl(request);
        }
        Matcher m = PROBE_PIPE.matcher(path);
        if (m.matches()) {
            return handshakes.probePipe(request, m.group(1));
        }
        m = UI_PIPE.matcher(path);
        if (m.matches()) {
            return handshakes.uiPipe(request, m.group(1), m.group(2));
        }
        m = BRIDGED_PIPE.matcher(path);
        if (m.matches()) {
            UUID orgId;
            try {
                orgId = UUID.fromString(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new NotFoundException();
            }
            return handshakes.bridgedPipe(request, orgId, m.group(2), End.fromId(m.group(3)));
        }
        if (path.startsWith("/api/pipe/") || path.startsWith("/internal/pipe/")) {
            throw new NotFoundException("no websocket at " + path);
        }
        return null;
    }

    private static HandshakeRequest handshakeRequest(Request request) {
        String session = Request.getCookies(request).stream()
                .filter(c -> c.getName().equals(OrgAccess.SESSION_COOKIE))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
        return new HandshakeRequest(name -> request.getHeaders().get(name), session);
    }

    private static void write(
            Response response, Callback callback, int status, @Nullable String challenge, String body) {
        response.setStatus(status);
        if (challenge != null) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, challenge);
        }
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("Could not close an unused listener", e);
        }
    }
}
