package io.scopecloud.query.app;

import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.topology.BadOptionException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query parameters every UI request may carry, checked: the censor switches must be
 * {@code true} or {@code false}, a {@code timestamp} must be RFC 3339 (one older than the live
 * window is read back from Kafka by {@link io.scopecloud.query.window.HistoricWindows}).
 */
public final class ApiParams {
    private ApiParams() {}

    public static Map<String, List<String>> of(Map<String, List<String>> query) {
        Map<String, List<String>> params = new HashMap<>(query);
        List<String> ts = params.get("timestamp");
        if (ts != null && !ts.isEmpty() && !ts.get(0).isEmpty()) {
            try {
                OffsetDateTime.parse(ts.get(0));
            } catch (DateTimeParseException e) {
                throw new BadOptionException("timestamp must be RFC 3339, e.g. 2026-01-02T15:04:05Z: " + ts.get(0));
            }
        }
        censor(params);
        return params;
    }

    /** The time-travel instant, when the request has a valid {@code timestamp}. */
    public static Optional<Instant> timestamp(Map<String, List<String>> params) {
        List<String> ts = params.get("timestamp");
        if (ts == null || ts.isEmpty() || ts.get(0).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(ts.get(0)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static Censor censor(Map<String, List<String>> params) {
        return new Censor(flag(params, "hideCommandLineArguments"), flag(params, "hideEnvironmentVariables"));
    }

    private static boolean flag(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return false;
        }
        String v = values.get(0);
        if (!v.equals("true") && !v.equals("false")) {
            throw new BadOptionException(name + " must be true or false, not '" + v + "'");
        }
        return v.equals("true");
    }
}
