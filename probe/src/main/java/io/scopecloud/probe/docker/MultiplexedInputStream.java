package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the engine's multiplexed stream (logs and attach of a container without a TTY): frames of
 * an 8-byte header (stream 0 stdin, 1 stdout, 2 stderr; three zero bytes; big-endian uint32
 * length) and a payload. Passes the payloads of stdout and stderr on as one stream, which is what
 * Scope's pipes show.
 */
final class MultiplexedInputStream extends InputStream {
    private final InputStream in;
    private final byte[] header = new byte[8];
    private long remaining;

    MultiplexedInputStream(InputStream in) {
        this.in = requireNonNull(in, "in is null");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (remaining == 0) {
            if (!readHeader()) {
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("stream ended inside a frame");
        }
        remaining -= n;
        return n;
    }

    /** Reads the next frame header; false at a clean end of stream. */
    private boolean readHeader() throws IOException {
        int got = 0;
        while (got < header.length) {
            int n = in.read(header, got, header.length - got);
            if (n < 0) {
                if (got == 0) {
                    return false;
                }
                throw new EOFException("stream ended inside a frame header");
            }
            got += n;
        }
        int stream = header[0];
        if (stream < 0 || stream > 2) {
            throw new IOException("not a multiplexed stream (stream type " + stream + ")");
        }
        remaining = ((header[4] & 0xffL) << 24)
                | ((header[5] & 0xffL) << 16)
                | ((header[6] & 0xffL) << 8)
                | (header[7] & 0xffL);
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
