package io.scopecloud.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How long any database call may take before the request gets 503 and {@code Retry-After}
 * instead of hanging while PostgreSQL is stalled or gone (issue 17): the wait for a pooled
 * connection, opening one, each statement (PostgreSQL's {@code statement_timeout}, which also
 * ends lock waits) and each read from the socket (a server that stopped answering altogether).
 *
 * <p>{@link TenancyBundle} applies these to the {@code database} pool of every service, so even a
 * minimal configuration has them. A pool wait configured lower under {@code database} stays, and
 * driver properties set under {@code database.properties} win over these.
 */
public class DatabaseTimeouts {
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration connectionWait = Duration.seconds(5);

    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration connectTimeout = Duration.seconds(5);

    /** Also bounds each migration statement: raise it for a migration known to take longer. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration statementTimeout = Duration.seconds(10);

    /** Longer than {@code statementTimeout}, so a slow statement is ended by the server first. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration socketTimeout = Duration.seconds(30);

    /** What a 503 tells the client to wait. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration retryAfter = Duration.seconds(5);

    /** Sets the bounds on the pool and the PostgreSQL driver's connection properties. */
    public void applyTo(DataSourceFactory database) {
        if (database.getMaxWaitForConnection().toMilliseconds() > connectionWait.toMilliseconds()) {
            database.setMaxWaitForConnection(connectionWait);
        }
        Map<String, String> properties = new LinkedHashMap<>(database.getProperties());
        properties.putIfAbsent("connectTimeout", Long.toString(seconds(connectTimeout)));
        properties.putIfAbsent("loginTimeout", Long.toString(seconds(connectTimeout)));
        properties.putIfAbsent("socketTimeout", Long.toString(seconds(socketTimeout)));
        properties.putIfAbsent("options", "-c statement_timeout=" + statementTimeout.toMilliseconds());
        database.setProperties(properties);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMilliseconds() + 999) / 1000);
    }

    public Duration getConnectionWait() {
        return connectionWait;
    }

    public void setConnectionWait(Duration connectionWait) {
        this.connectionWait = connectionWait;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public Duration getStatementTimeout() {
        return statementTimeout;
    }

    public void setStatementTimeout(Duration statementTimeout) {
        this.statementTimeout = statementTimeout;
    }

    public Duration getSocketTimeout() {
        return socketTimeout;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }
}
