package io.scopecloud.query.topology;

/** A query parameter the API cannot use: 400 with this message. */
public final class BadOptionException extends QueryException {
    private static final long serialVersionUID = 1L;

    public BadOptionException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 400;
    }
}
