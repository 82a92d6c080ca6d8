package io.scopecloud.query.app;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.scopecloud.query.topology.QueryException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** The query service's domain errors as Dropwizard's {@code {code,message}} bodies. */
public final class QueryExceptionMapper implements ExceptionMapper<QueryException> {
    @Override
    public Response toResponse(QueryException e) {
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorMessage(e.status(), e.getMessage()))
                .build();
    }
}
