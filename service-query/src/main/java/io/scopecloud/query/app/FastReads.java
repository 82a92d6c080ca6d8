package io.scopecloud.query.app;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.scopecloud.common.web.JerseyHeaderRules;
import io.scopecloud.ops.JerseyRequestTimers;
import io.scopecloud.query.owner.Forwarder;
import io.scopecloud.query.owner.Placement;
import io.scopecloud.query.render.RenderContext;
import io.scopecloud.query.window.OrgSnapshot;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.query.window.RecentSnapshot;
import io.scopecloud.tenancy.access.OrgAccess;
import io.scopecloud.tenancy.access.OrgScope;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * The hot reads of Scope's app API (views, node details, {@code api/topology}, {@code api}, {@code api/report}) answered
 * in front of Jersey, from the bytes {@link SharedJson} keeps per snapshot: a Jetty handler in the application context,
 * so a request skips the servlet and Jersey stages that cost more than the answer (docs/adr/0019).
 *
 * <p>It takes only a request the full path has already answered with 200 (the same raw path and query, so options and
 * node were checked there), by a caller it lets in with the same {@link OrgAccess} and its caches, for an org this
 * instance answers for at once ({@link Placement#answersHereNow}), with JSON acceptable. It answers with the same
 * status, headers and bytes as Jersey would and counts the request in Jersey's {@code http.server.requests} under the
 * same route. Anything else — unknown requests, credentials refused, another owner, a hand-over, time travel, msgpack,
 * a body that cannot be computed for this snapshot (a node gone) — goes on to Jersey, which answers as before.
 */
public final class FastReads extends Handler.Wrapper {
    private static final String PREFIX = "/api/app/";
    private static final HttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
    private static final HttpField VARY = new PreEncodedHttpField(HttpHeader.VARY, "Accept-Encoding");
    private static final HttpField NO_CACHE = new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, "no-cache, no-store");
    private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

    /**
     * A snapshot whose answer is ready is answered from, even when reports wait to be merged, if it was exact this
     * recently: the newest while it lacks no report older than this and holds none that left the window longer ago;
     * the one before while the newest's answer is computed, if merged this recently. The waiting reports are merged and
     * the answer computed in the background ({@link Prerender}). A read that merged them itself, or came before the new
     * snapshot's answer was computed, computed it: in an org of thousands of nodes, the slowest reads.
     */
    static final Duration READY_FOR = Duration.ofSeconds(1);

    private final OrgAccess access;
    private final OrgWindows windows;
    private final Placement placement;
    private final SharedJson json;
    private final RequestActivity activity;
    private final JerseyRequestTimers timers;
    /**
     * Fast reads by where their snapshot's answer stood when they came (after the merge, if one was due), and what
     * {@link OrgWindows#recentSnapshot} found.
     */
    private final Map<RenderContext.Memo, Map<RecentSnapshot.Found, Counter>> answered =
            new EnumMap<>(RenderContext.Memo.class);

    FastReads(
            OrgAccess access,
            OrgWindows windows,
            Placement placement,
            SharedJson json,
            RequestActivity activity,
            MeterRegistry registry) {
        this.access = requireNonNull(access, "access is null");
        this.windows = requireNonNull(windows, "windows is null");
        this.placement = requireNonNull(placement, "placement is null");
        this.json = requireNonNull(json, "json is null");
        this.activity = requireNonNull(activity, "activity is null");
        this.timers = new JerseyRequestTimers(registry);
        for (RenderContext.Memo memo : RenderContext.Memo.values()) {
            Map<RecentSnapshot.Found, Counter> byFound = new EnumMap<>(RecentSnapshot.Found.class);
            for (RecentSnapshot.Found found : RecentSnapshot.Found.values()) {
                byFound.put(found, answered(registry, memo.name().toLowerCase(Locale.ROOT), found.tag()));
            }
            answered.put(memo, byFound);
        }
    }

    private static Counter answered(MeterRegistry registry, String answer, String recent) {
        return Counter.builder("scope.query.fast.reads")
                .description("reads answered in front of Jersey from a snapshot's shared bytes (also counted in"
                        + " http.server.requests under their route); answer: ready (computed before the read came),"
                        + " computing (the read waited for another's computation) or absent (the read computed it);"
                        + " recent: the snapshot exact within READY_FOR with its answer ready that was taken (newest,"
                        + " before), or why there was none (nothing, shortcut-waits, too-old, not-ready)")
                .tag("answer", answer)
                .tag("recent", recent)
                .register(registry);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String path = request.getHttpURI().getPath();
        if (!path.startsWith(PREFIX)) {
            return super.handle(request, response, callback);
        }
        activity.touch();
        if (!"GET".equals(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        SharedJson.Known known = json.known(path, request.getHttpURI().getQuery());
        HttpFields headers = request.getHeaders();
        String org = orgOf(path);
        if (known == null || org == null || !JerseyHeaderRules.acceptsJson(headers.get(HttpHeader.ACCEPT))) {
            return super.handle(request, response, callback);
        }
        SharedJson.Answer answer;
        RenderContext.Memo memo;
        RecentSnapshot.Found found;
        try {
            String session = JerseyHeaderRules.cookie(headers, OrgAccess.SESSION_COOKIE);
            if (session != null && session.isEmpty()) {
                return super.handle(request, response, callback);
            }
            OrgScope scope = access.caller(org, headers.get(HttpHeader.AUTHORIZATION), session)
                    .scope();
            if (!placement.answersHereNow(scope.id(), headers.get(Forwarder.FORWARDED) != null)) {
                return super.handle(request, response, callback);
            }
            String query = request.getHttpURI().getQuery();
            RecentSnapshot recent = windows.recentSnapshot(
                    scope.id(), READY_FOR, s -> json.memo(s, path, query) == RenderContext.Memo.READY);
            found = recent.found();
            OrgSnapshot snapshot = recent.snapshot();
            if (snapshot == null) {
                // never waits for another thread's merge: the snapshot there is has the answer computed ahead
                snapshot = windows.snapshotWithoutWaiting(scope.id());
            }
            memo = json.memo(snapshot, path, query);
            answer = json.answer(snapshot, path, query, headers.get(HttpHeader.ACCEPT_ENCODING), known.body());
            known.used(answer.gzipped());
        } catch (RuntimeException e) {
            // refused, or not computable for this snapshot: Jersey answers it (and says why) exactly as before
            return super.handle(request, response, callback);
        }
        response.setStatus(200);
        HttpFields.Mutable out = response.getHeaders();
        // in Jersey's order; put, not add: Jetty's gzip handler may have said Vary already
        out.put(VARY);
        out.put(JSON);
        if (answer.gzipped()) {
            out.put(GZIP);
        }
        out.put(NO_CACHE);
        out.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        // counted before the write completes, so that a client that has the answer also sees it counted
        timers.record("GET", known.route(), 200, null, System.nanoTime() - start);
        answered.get(memo).get(found).increment();
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
        return true;
    }

    /** The org's id in {@code /api/app/{org}/...}, or null when it is not plain (Jersey decodes the rest). */
    static @Nullable String orgOf(String path) {
        int end = path.indexOf('/', PREFIX.length());
        if (end <= PREFIX.length()) {
            return null;
        }
        String org = path.substring(PREFIX.length(), end);
        return org.indexOf('%') >= 0 || org.indexOf(';') >= 0 ? null : org;
    }
}
