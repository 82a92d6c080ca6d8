package io.scopecloud.ingest.report;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
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

    private final AtomicLong refused = new AtomicLong();

    public ReportAdmission(int maxInProgress, Duration maxWait) {
        setMaxRequestCount(maxInProgress);
        setMaxSuspend(maxWait);
        setRejectStatusCode(503);
        include(ReportAdmission::isReportPost);
    }

    /** {@code POST /api/report}, with or without a trailing slash, as Jersey routes it. */
    private static boolean isReportPost(Request request) {
        return ReportPosts.isReportPost(request.getMethod(), Request.getPathInContext(request));
    }

    /**
     * {@code scope.ingest.report.admission.refused} (posts answered 503 for want of room) and
     * {@code scope.ingest.report.admission.waiting} (posts waiting for room now).
     */
    public void bindMetrics(MeterRegistry registry) {
        FunctionCounter.builder("scope.ingest.report.admission.refused", refused, AtomicLong::get)
                .description("report posts answered 503 because maxReportsInProgress were being worked on")
                .register(registry);
        Gauge.builder("scope.ingest.report.admission.waiting", this, QoSHandler::getSuspendedRequestCount)
                .description("report posts waiting for room among maxReportsInProgress")
                .register(registry);
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        busy(request, response, callback);
    }

    @Override
    protected void expireSuspended(Request request, Response response, Callback callback) {
        busy(request, response, callback);
    }

    private void busy(Request request, Response response, Callback callback) {
        refused.incrementAndGet();
        response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
        Response.writeError(
                request,
                response,
                callback,
                503,
                "ingest is at capacity: the report was not stored; send the next one after Retry-After");
    }
}
