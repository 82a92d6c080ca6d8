package io.scopecloud.ingest.report;

import static java.util.Objects.requireNonNull;

import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed send into what the probe should hear: mostly 503, "try again shortly". An outage
 * fails every probe's every post, so it is logged once per {@link #LOG_EVERY} with how many failed
 * since, not once per post; a failure that is not Kafka being away is logged each time.
 */
final class SinkFailures {
    private static final Logger LOG = LoggerFactory.getLogger(SinkFailures.class);
    static final long RETRY_AFTER_SECONDS = 5;
    static final Duration LOG_EVERY = Duration.ofSeconds(10);

    private final Clock clock;
    private Instant lastLogged = Instant.MIN;
    private long unlogged;

    SinkFailures(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    Response toResponse(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof RecordTooLargeException) {
            return answer(Response.Status.REQUEST_ENTITY_TOO_LARGE, "report too large to store: " + cause.getMessage());
        }
        if (cause instanceof TimeoutException || cause instanceof RetriableException) {
            outage(cause);
        } else {
            LOG.error("Report could not be stored", cause);
        }
        return Response.fromResponse(answer(
                        Response.Status.SERVICE_UNAVAILABLE,
                        "report storage is unavailable right now; retry in " + RETRY_AFTER_SECONDS + " s"))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    private void outage(Throwable cause) {
        outageLine(cause).ifPresent(LOG::warn);
    }

    /** What to log for one more failed send while Kafka is away: nothing if logged in the last {@link #LOG_EVERY}. */
    synchronized Optional<String> outageLine(Throwable cause) {
        Instant now = clock.instant();
        if (now.isBefore(lastLogged.plus(LOG_EVERY))) {
            unlogged++;
            return Optional.empty();
        }
        String more = unlogged == 0 ? "" : " (and " + unlogged + " more failed sends since the last such line)";
        unlogged = 0;
        lastLogged = now;
        return Optional.of("Report storage unavailable, answering 503: " + cause + more);
    }

    private static Response answer(Response.Status status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status.getStatusCode(), message))
                .build();
    }
}
