package io.scopecloud.probe.cli;

/** A command line we cannot run; the message says what to change. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
