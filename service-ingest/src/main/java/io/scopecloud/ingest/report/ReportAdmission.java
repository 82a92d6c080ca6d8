package io.scopecloud.ingest.report;

import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Bounds the report posts worked on at once ({@code POST /api/report}: decoding, or waiting for Kafka). A post that
 * finds no room waits, holding no thread, for up to {@code maxWait}, and is then answered 503 with {@code Retry-After},
 * on which Scope probes back off. Without it an overloaded ingest took every post its threads could hold: hundreds of
 * request threads queued on the same locks on two cores, probes gave up after 10 s, and ingest still worked through
 * what they had abandoned (bench/README.md, "End to end at scale", runs 12–14).
 */
public final class ReportAdmission extends QoSHandler {
    static final String RETRY_AFTER_SECONDS = "5";

    public ReportAdmission(int maxInProgress, Duration maxWait) {
        setMaxRequestCount(maxInProgress);
        setMaxSuspend(maxWait);
        setRejectStatusCode(503);
        includeMethod("POST");
        includePath("/api/report");
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        busy(request, response, callback);
    }

    @Override
    protected void expireSuspended(Request request, Response response, Callback callback) {
        busy(request, response, callback);
    }

    private static void busy(Request request, Response response, Callback callback) {
        response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        Response.writeError(
                request,
                response,
                callback,
                503,
                "ingest is at capacity: the report was not stored; send the next one after Retry-After");
    }
}
