package io.scopecloud.tenancy.web;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.scopecloud.tenancy.TenancyException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Turns the tenancy rules' refusals into 4xx answers in Dropwizard's {@code {code, message}} shape. */
public final class PortalExceptionMapper implements ExceptionMapper<TenancyException> {
    @Override
    public Response toResponse(TenancyException e) {
        int status =
                switch (e.kind()) {
                    case INVALID -> 422;
                    case CONFLICT -> 409;
                    case FORBIDDEN -> 403;
                    case NOT_FOUND -> 404;
                };
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(status, e.getMessage()))
                .build();
    }
}
