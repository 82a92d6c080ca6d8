package io.scopecloud.control.rpc;

import java.util.Locale;

/** How a control invocation ended: what the audit log records and which HTTP status the UI gets. */
public enum Outcome {
    /** The probe answered without an error. */
    OK(200),
    /** The probe answered with an error (unknown control, the control failed). */
    FAILED(400),
    /** The caller's role does not allow this control. */
    DENIED(403),
    /** No live control connection for that probe. */
    NOT_CONNECTED(400),
    /** The probe did not answer in time. */
    TIMEOUT(504),
    /** The probe's connection closed while the call was outstanding. */
    DISCONNECTED(502),
    /** The instance holding the probe could not be reached. */
    UNAVAILABLE(503);

    private final int status;

    Outcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The lowercase name stored in the audit log. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
