package io.scopecloud.ops;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The {@code http.server.requests} timers of requests a Jetty handler answers in front of Jersey, tagged as Jersey's
 * own metrics tag them (method, route, status, outcome, exception), so that a route's series is one whichever path
 * answered it. The timers are built once per tag set.
 */
public final class JerseyRequestTimers {
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public JerseyRequestTimers(MeterRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    /** Records one request to {@code route} (Jersey's template, e.g. {@code /api/app/{org}/api/topology}). */
    public void record(String method, String route, int status, @Nullable Exception thrown, long nanos) {
        String exception = thrown == null ? "None" : thrown.getClass().getSimpleName();
        timers.computeIfAbsent(method + ' ' + route + ' ' + status + ' ' + exception, k -> Timer.builder(
                                OpsBundle.HTTP_REQUESTS)
                        .tags(
                                "method",
                                method,
                                "uri",
                                route,
                                "status",
                                Integer.toString(status),
                                "outcome",
                                Outcome.forStatus(status).name(),
                                "exception",
                                exception)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
