package io.scopecloud.probe.docker;

import java.io.IOException;

/** The engine answered a call with an error status; the message is the engine's own. */
public final class EngineException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public EngineException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean notFound() {
        return status == 404;
    }
}
