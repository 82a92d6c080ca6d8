package io.scopecloud.tenancy.db;

import io.dropwizard.jersey.errors.ErrorMessage;
import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Set;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database call that failed because PostgreSQL is unreachable, stalled or shedding load answers
 * 503 with {@code Retry-After} and a message, as ingest does when Kafka cannot take a report;
 * any other database failure stays a 500 with a logged id. Every service gets it from the
 * {@link io.scopecloud.tenancy.TenancyBundle}.
 */
public final class DatabaseUnavailableMapper extends LoggingExceptionMapper<JdbiException> {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableMapper.class);

    /**
     * PostgreSQL's states for "not now": statement timeout or cancel (57014), shutting down or
     * starting (57P01-57P03), too many connections (53300), lock not available (55P03),
     * serialization failure and deadlock (40001, 40P01). Class 08 (connection) is checked apart.
     */
    private static final Set<String> TRY_AGAIN =
            Set.of("57014", "57P01", "57P02", "57P03", "53300", "55P03", "40001", "40P01");

    private final long retryAfterSeconds;

    public DatabaseUnavailableMapper(Duration retryAfter) {
        this.retryAfterSeconds = Math.max(1, retryAfter.toSeconds());
    }

    @Override
    public Response toResponse(JdbiException e) {
        if (!isUnavailable(e)) {
            return super.toResponse(e);
        }
        LOG.warn("Database unavailable, answering 503: {}", rootMessage(e));
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", Long.toString(retryAfterSeconds))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorMessage(
                        503,
                        "the account database is unavailable or too slow right now; retry in " + retryAfterSeconds
                                + " s"))
                .build();
    }

    /** Whether the failure says "the database cannot serve this now" rather than "this is wrong". */
    static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectionException
                    || t instanceof SQLTransientException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || TRY_AGAIN.contains(state)) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
