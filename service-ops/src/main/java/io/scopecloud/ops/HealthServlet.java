package io.scopecloud.ops;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;

/**
 * {@code /health/ready}: 200 once {@link Readiness} says so, 503 with what it waits for until
 * then. {@code /health/live}: 200 while the JVM can answer and no threads are deadlocked; a
 * failing liveness is a reason to restart the instance, a failing readiness only to route
 * around it.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Readiness readiness;
    private final transient ObjectMapper json;
    private final transient ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    HealthServlet(Readiness readiness, ObjectMapper json) {
        this.readiness = requireNonNull(readiness, "readiness is null");
        this.json = requireNonNull(json, "json is null");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        switch (path) {
            case "/ready" -> {
                Readiness.Status status = readiness.status();
                write(response, status.ready() ? 200 : 503, status);
            }
            case "/live" -> {
                long[] deadlocked = threads.findDeadlockedThreads();
                if (deadlocked == null) {
                    write(response, 200, Map.of("live", true));
                } else {
                    write(response, 500, Map.of("live", false, "deadlockedThreads", deadlocked.length));
                }
            }
            default -> write(response, 404, Map.of("message", "try /health/ready or /health/live"));
        }
    }

    private void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getOutputStream(), body);
    }
}
