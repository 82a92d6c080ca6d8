package io.scopecloud.tenancy;

/**
 * A tenancy rule said no, with a message for the person and the kind of refusal, which the
 * portal's one exception mapper turns into the matching 4xx.
 */
public class TenancyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Kind {
        INVALID,
        CONFLICT,
        FORBIDDEN,
        NOT_FOUND
    }

    private final Kind kind;

    public TenancyException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
