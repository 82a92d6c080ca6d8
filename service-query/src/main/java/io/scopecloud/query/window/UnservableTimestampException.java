package io.scopecloud.query.window;

import io.scopecloud.query.topology.QueryException;

/** A time-travel {@code timestamp} older than the reports the topic keeps: 400 with the earliest one served. */
public final class UnservableTimestampException extends QueryException {
    private static final long serialVersionUID = 1L;

    UnservableTimestampException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 400;
    }
}
