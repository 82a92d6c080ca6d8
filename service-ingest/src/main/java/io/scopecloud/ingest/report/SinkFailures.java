package io.scopecloud.ingest.report;

import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a failed send into what the probe should hear: mostly "try again shortly". */
final class SinkFailures {
    private static final Logger LOG = LoggerFactory.getLogger(SinkFailures.class);
    static final long RETRY_AFTER_SECONDS = 5;

    private SinkFailures() {}

    static WebApplicationException toException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RecordTooLargeException) {
            return new WebApplicationException(
                    "report too large to store: " + cause.getMessage(), Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        if (!(cause instanceof TimeoutException) && !(cause instanceof RetriableException)) {
            LOG.error("Report could not be stored", cause);
        } else {
            LOG.warn("Report storage unavailable: {}", cause.toString());
        }
        return new ServiceUnavailableException(
                "report storage is unavailable right now; retry in " + RETRY_AFTER_SECONDS + " s", RETRY_AFTER_SECONDS);
    }
}
