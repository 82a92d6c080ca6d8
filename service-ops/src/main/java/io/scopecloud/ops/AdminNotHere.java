package io.scopecloud.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /admin} and everything under it on the public connector: 404 for every method, as for any
 * path that does not exist. The admin pages and tasks live on the admin connector alone; before,
 * they answered here, and a cross-site form could turn logging to DEBUG.
 */
final class AdminNotHere extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final byte[] BODY =
            "{\"code\":404,\"message\":\"HTTP 404 Not Found\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException {
        response.setStatus(404);
        // the body (a task's form) stays unread, so the connection cannot be reused: say so
        response.setHeader("Connection", "close");
        response.setContentType("application/json");
        response.setContentLength(BODY.length);
        response.getOutputStream().write(BODY);
    }
}
