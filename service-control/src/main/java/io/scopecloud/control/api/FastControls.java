package io.scopecloud.control.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scopecloud.common.web.JerseyHeaderRules;
import io.scopecloud.control.rpc.Completions;
import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.ops.JerseyRequestTimers;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.web.CsrfFilter;
import jakarta.ws.rs.BadRequestException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI's control call ({@link ControlResource}'s route) answered in front of Jersey, as the hot reads are
 * (docs/adr/0019, docs/adr/0006): a Jetty handler in the application context that runs the same checks and the same
 * {@link ControlService} (role, routing, the audit entry) and answers with the status, headers and bytes Jersey would,
 * counted in {@code http.server.requests} under the same route (and in {@code scope.control.fast.calls}).
 *
 * <p>It takes a {@code POST} whose path it decodes as Jersey does ({@link ControlPath}), with JSON acceptable, no body
 * or a JSON one of known length within {@code control.maxArgsSize}, that passes the CSRF rule ({@link
 * CsrfFilter#refusal}) and whose caller {@link OrgAccess} lets in. Everything else goes on to Jersey before anything is
 * read or run: refused callers (401, 403, 404 as before), a chunked or oversized body (413), other content types, an
 * {@code Accept} or cookie header it does not read exactly as Jersey would.
 *
 * <p>When the probe is connected to this instance no thread waits for it: the answer is written from the thread that
 * reads the probe's answer off its connection ({@link ControlService#invokeIfLocal}).
 */
public final class FastControls extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(FastControls.class);
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField NO_CACHE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache, no-store");

    private final OrgAccess access;
    private final CsrfFilter csrf;
    private final ControlService controls;
    private final ObjectMapper json;
    private final int maxArgsBytes;
    private final JerseyRequestTimers timers;
    private final Counter answered;

    public FastControls(
            OrgAccess access,
            CsrfFilter csrf,
            ControlService controls,
            ObjectMapper json,
            int maxArgsBytes,
            MeterRegistry registry) {
        this.access = requireNonNull(access, "access is null");
        this.csrf = requireNonNull(csrf, "csrf is null");
        this.controls = requireNonNull(controls, "controls is null");
        this.json = requireNonNull(json, "json is null");
        this.maxArgsBytes = maxArgsBytes;
        this.timers = new JerseyRequestTimers(registry);
        this.answered = Counter.builder("scope.control.fast.calls")
                .description("control calls answered in front of Jersey (also counted in http.server.requests under"
                        + " their route)")
                .register(registry);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        if (!"POST".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        ControlPath path = ControlPath.parse(request.getHttpURI().getPath());
        HttpFields headers = request.getHeaders();
        if (path == null
                || !takesBody(request, headers)
                || !JerseyHeaderRules.acceptsJson(headers.get(HttpHeader.ACCEPT))) {
            return super.handle(request, response, callback);
        }
        String session = JerseyHeaderRules.cookie(headers, OrgAccess.SESSION_COOKIE);
        if (session != null && session.isEmpty()) {
            return super.handle(request, response, callback);
        }
        OrgCaller caller;
        try {
            if (csrf.refusal(
                            headers.get(HttpHeader.ORIGIN),
                            headers.get(HttpHeader.HOST),
                            session,
                            headers.get(CsrfFilter.HEADER))
                    .isPresent()) {
                return super.handle(request, response, callback);
            }
            caller = access.caller(path.org(), headers.get(HttpHeader.AUTHORIZATION), session);
        } catch (RuntimeException e) {
            // refused (401, 403, 404) or the database is unreachable: Jersey answers it, and says why, as before
            return super.handle(request, response, callback);
        }
        Map<String, String> args;
        try (InputStream body = Content.Source.asInputStream(request)) {
            args = ControlArgs.read(body, maxArgsBytes);
        } catch (BadRequestException e) {
            respond(response, callback, start, error(400, e.getMessage(), e));
            return true;
        } catch (Exception e) {
            respond(response, callback, start, serverError(e));
            return true;
        }
        Optional<CompletableFuture<JsonNode>> local;
        try {
            local = controls.invokeIfLocal(caller, path.probeId(), path.nodeId(), path.control(), args);
        } catch (RuntimeException e) {
            respond(response, callback, start, answered(null, e));
            return true;
        }
        if (local.isPresent()) {
            // answered from the thread that reads the probe's answer: no thread waits for the probe
            local.get().whenComplete((answer, thrown) -> respond(response, callback, start, answered(answer, thrown)));
            return true;
        }
        Answer answer;
        try {
            answer = answered(controls.invoke(caller, path.probeId(), path.nodeId(), path.control(), args), null);
        } catch (RuntimeException e) {
            answer = answered(null, e);
        }
        respond(response, callback, start, answer);
        return true;
    }

    private void respond(Response response, Callback callback, long start, Answer answer) {
        response.setStatus(answer.status());
        HttpFields.Mutable out = response.getHeaders();
        out.put(JSON); // in Jersey's order
        out.put(NO_CACHE);
        out.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        // counted before the write completes, so that a client that has the answer also sees it counted
        timers.record("POST", ControlPath.ROUTE, answer.status(), answer.exception(), System.nanoTime() - start);
        answered.increment();
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    /** No body, or a JSON one whose length is known and allowed: Jersey reads any other (and refuses it). */
    private boolean takesBody(Request request, HttpFields headers) {
        if (headers.contains(HttpHeader.EXPECT)) {
            return false;
        }
        long length = request.getLength();
        if (length < 0) {
            return !headers.contains(HttpHeader.TRANSFER_ENCODING);
        }
        String type = headers.get(HttpHeader.CONTENT_TYPE);
        return length <= maxArgsBytes && (type == null || isJson(type));
    }

    static boolean isJson(String contentType) {
        int end = contentType.indexOf(';');
        return (end < 0 ? contentType : contentType.substring(0, end)).strip().equalsIgnoreCase("application/json");
    }

    /** What ControlResource, the exception mappers and ScopeAppApiResponses make of the call's outcome. */
    private Answer answered(@Nullable JsonNode answer, @Nullable Throwable thrown) {
        Throwable cause = Completions.cause(thrown);
        if (cause == null) {
            try {
                return new Answer(200, json.writeValueAsBytes(answer), null);
            } catch (JsonProcessingException e) {
                return serverError(e);
            }
        }
        if (cause instanceof ControlFailure failure) {
            ControlFailureMapper.log(failure);
            return error(failure.outcome().status(), failure.getMessage(), failure);
        }
        return serverError(cause instanceof Exception e ? e : new IllegalStateException(cause));
    }

    /** Scope's error shape: the message as a bare JSON string (Jersey's errors become that on Scope's routes). */
    private Answer error(int status, @Nullable String message, Exception cause) {
        try {
            return new Answer(status, json.writeValueAsBytes(new TextNode(message == null ? "" : message)), cause);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON string", e);
        }
    }

    /** As Dropwizard answers an unexpected exception: logged with an id the answer gives. */
    private Answer serverError(Exception e) {
        long id = ThreadLocalRandom.current().nextLong();
        LOG.error(String.format("Error handling a request: %016x", id), e);
        return error(
                500,
                String.format("There was an error processing your request. It has been logged (ID %016x).", id),
                e);
    }

    /** A status, the body's bytes, and the exception Jersey's request metric would name. */
    @SuppressWarnings("ArrayRecordComponent") // a value carrier: never compared or hashed
    private record Answer(int status, byte[] body, @Nullable Exception exception) {}
}
