package io.scopecloud.probe.pipe;

import java.io.IOException;
import java.io.InputStream;

/**
 * The probe's end of a pipe: a shell's PTY, an exec or attach stream, a log stream. What it
 * prints goes to the UI; what the UI sends is written to it.
 */
public interface PipeEnd {
    /** Bytes for the UI; the pipe closes when this ends. */
    InputStream output();

    /** Bytes from the UI (keystrokes); ignored by read-only ends such as logs. */
    void write(byte[] data, int offset, int length) throws IOException;

    /** Ends the local side (kills the shell, closes the stream). Called once, from any thread. */
    void close();
}
