package io.scopecloud.ingest.report;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * A refused report may leave part of its body unread (a bomb stopped at the limit, a body refused before it is
 * read): Jetty then closes the connection, and a client that reuses it for its next report gets no answer. Saying
 * {@code Connection: close} on every refusal of {@code POST /api/report} lets the client know before it tries.
 */
public final class RefusedReportsCloseConnection implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && ReportPosts.isReportPost(request)) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }
}
