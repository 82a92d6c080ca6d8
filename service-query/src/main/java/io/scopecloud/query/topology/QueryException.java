package io.scopecloud.query.topology;

/** A request the query service cannot serve, with the HTTP status that says why. */
public abstract class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected QueryException(String message) {
        super(message);
    }

    public abstract int status();
}
