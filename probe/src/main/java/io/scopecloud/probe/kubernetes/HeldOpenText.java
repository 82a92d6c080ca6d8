package io.scopecloud.probe.kubernetes;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * A pipe's output that is all there up front ("Describe"'s YAML) and then nothing until the pipe
 * is closed. Ending at the text's end would close the pipe as soon as the probe has written it,
 * and the service drops what a closed pipe still holds for a UI that has not connected yet; so,
 * as Scope's describe pipe did, it stays open until the UI (or the pipe's idle timeout) closes it.
 */
final class HeldOpenText extends InputStream {
    private final ByteArrayInputStream text;
    private final CountDownLatch closed = new CountDownLatch(1);

    HeldOpenText(byte[] text) {
        this.text = new ByteArrayInputStream(requireNonNull(text, "text is null"));
    }

    @Override
    public int read() throws InterruptedIOException {
        int b = text.read();
        if (b >= 0) {
            return b;
        }
        awaitClose();
        return -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
        if (length == 0) {
            return 0;
        }
        int n = text.read(buffer, offset, length);
        if (n > 0) {
            return n;
        }
        awaitClose();
        return -1;
    }

    /** The bytes of the text not read yet (reading them does not block). */
    @Override
    public int available() {
        return text.available();
    }

    /** Ends the stream: a read waiting past the text's end returns -1. */
    @Override
    public void close() {
        closed.countDown();
    }

    private void awaitClose() throws InterruptedIOException {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the pipe was held open");
        }
    }
}
