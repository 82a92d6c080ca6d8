package io.scopecloud.ops;

import io.dropwizard.jersey.errors.ErrorMessage;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Jetty's verdict on a request it could not read, raised while a resource reads the body (too
 * slow: 408; malformed framing or too large: 400 or 413), answered with its own status and a
 * message, not as a server error.
 */
final class BadMessageMapper implements ExceptionMapper<BadMessageException> {
    @Override
    public Response toResponse(BadMessageException e) {
        int status = e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400;
        String reason = e.getReason() == null ? "the request could not be read" : e.getReason();
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status, reason + ": send the request again, at a steady pace"))
                .build();
    }
}
