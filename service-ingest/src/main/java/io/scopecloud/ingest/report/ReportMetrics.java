package io.scopecloud.ingest.report;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what probes send to {@code /api/report}: {@code scope_ingest_reports_total{outcome}}
 * (accepted, or refused by reason: unauthenticated, malformed, too_large, unsupported_media,
 * rate_limited, kafka_unavailable, other) and {@code scope_ingest_bytes_total} (bytes read off
 * the wire, compressed as sent). Measured at the edge of Jersey, so every way a report can be
 * refused is counted the same way, wherever in the resource it was refused.
 */
@PreMatching
public final class ReportMetrics implements ContainerRequestFilter, ContainerResponseFilter {

    private final MeterRegistry registry;
    private final Counter bytes;
    /** One counter per outcome, looked up once: registering again at every report cost a lookup in the registry. */
    private final Map<String, Counter> reports = new ConcurrentHashMap<>();

    public ReportMetrics(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
        this.bytes = Counter.builder("scope.ingest.bytes")
                .description("report bytes received, as sent (compressed)")
                .baseUnit("bytes")
                .register(registry);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (ReportPosts.isReportPost(request)) {
            request.setEntityStream(new Counting(request.getEntityStream(), bytes));
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (ReportPosts.isReportPost(request)) {
            reports.computeIfAbsent(outcome(response.getStatus()), this::reportsCounter)
                    .increment();
        }
    }

    private Counter reportsCounter(String outcome) {
        return Counter.builder("scope.ingest.reports")
                .description("reports posted, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    static String outcome(int status) {
        return switch (status) {
            case 200, 202, 204 -> "accepted";
            case 401, 403 -> "unauthenticated";
            case 400, 422 -> "malformed";
            case 413 -> "too_large";
            case 415 -> "unsupported_media";
            case 429 -> "rate_limited";
            case 503, 504 -> "kafka_unavailable";
            default -> "other";
        };
    }

    private static final class Counting extends FilterInputStream {
        private final Counter bytes;

        Counting(InputStream in, Counter bytes) {
            super(in);
            this.bytes = bytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytes.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                bytes.increment(n);
            }
            return n;
        }
    }
}
