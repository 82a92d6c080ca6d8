package io.scopecloud.ingest.report;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The 429 every per-org quota answers with: what was exceeded, and when to retry. */
final class Quotas {
    private Quotas() {}

    static WebApplicationException tooMany(String message, long retryAfterSeconds) {
        return new WebApplicationException(
                message,
                Response.status(429)
                        .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                        .build());
    }
}
