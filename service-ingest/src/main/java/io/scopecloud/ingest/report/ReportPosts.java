package io.scopecloud.ingest.report;

import jakarta.ws.rs.container.ContainerRequestContext;

/** Which requests are a probe posting a report: {@code POST /api/report}, however Jersey spells the path. */
final class ReportPosts {
    private ReportPosts() {}

    static boolean isReportPost(ContainerRequestContext request) {
        return isReportPost(request.getMethod(), request.getUriInfo().getPath());
    }

    static boolean isReportPost(String method, String path) {
        if (!"POST".equals(method)) {
            return false;
        }
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.endsWith("/") && path.length() > start ? path.length() - 1 : path.length();
        return path.regionMatches(start, "api/report", 0, "api/report".length())
                && end - start == "api/report".length();
    }
}
