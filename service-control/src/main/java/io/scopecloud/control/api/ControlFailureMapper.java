package io.scopecloud.control.api;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.scopecloud.control.rpc.ControlFailure;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link ControlFailure} as Dropwizard answers errors ({@code {"code","message"}}), but
 * without logging a 502/503/504 as a server error: a probe that is slow or gone is not a bug.
 */
public final class ControlFailureMapper implements ExceptionMapper<ControlFailure> {
    private static final Logger LOG = LoggerFactory.getLogger(ControlFailureMapper.class);

    @Override
    public Response toResponse(ControlFailure failure) {
        log(failure);
        int status = failure.outcome().status();
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status, failure.getMessage()))
                .build();
    }

    /** Logs a 502/503/504 as what it is, an unreachable or slow probe (also for {@link FastControls}). */
    static void log(ControlFailure failure) {
        if (failure.outcome().status() >= 500) {
            LOG.info("Control call failed ({}): {}", failure.outcome().id(), failure.getMessage());
        }
    }
}
