package io.scopecloud.probe.pipe;

/**
 * Opens pipes between something on the probe's host and the UI, relayed by the service (Scope's
 * {@code controls.PipeClient}): the probe creates {@code pipe-<int63>}, connects its end to the
 * service, and answers the control with the pipe's id; the UI connects the other end.
 */
public interface PipeClient {
    /**
     * Creates a pipe and starts connecting it; returns its id at once, for the control's answer.
     * The pipe lives until the end's output ends, the service closes it, or {@link #close} is called.
     *
     * @param appId the app the control came from (Scope opens the pipe on that app)
     * @param onClose run once when the pipe closes, after the end is closed
     */
    String open(String appId, PipeEnd end, Runnable onClose);

    /** Closes a pipe this client opened; unknown ids are ignored. */
    void close(String pipeId);
}
