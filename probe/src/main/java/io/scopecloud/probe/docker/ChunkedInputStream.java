package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes an HTTP/1.1 {@code chunked} body as it arrives, for the engine's endless responses
 * (events, followed logs). {@link #read} returns what the current chunk has without waiting for
 * the next one, so a log line is passed on as soon as the engine flushed it.
 */
final class ChunkedInputStream extends InputStream {
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private long remaining; // in the current chunk
    private boolean eof;

    ChunkedInputStream(InputStream in) {
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
        if (eof) {
            return -1;
        }
        while (remaining == 0) {
            remaining = nextChunkSize();
            if (remaining == 0) {
                readTrailers();
                eof = true;
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        remaining -= n;
        if (remaining == 0) {
            String end = readLine();
            if (!end.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = readLine();
        if (line == null) {
            throw new EOFException("connection closed before the last chunk");
        }
        int semicolon = line.indexOf(';');
        String size = (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
        try {
            long n = Long.parseLong(size, 16);
            if (n < 0) {
                throw new IOException("malformed chunk size: " + line);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("malformed chunk size: " + line, e);
        }
    }

    private void readTrailers() throws IOException {
        String line;
        do {
            line = readLine();
        } while (line != null && !line.isEmpty());
    }

    /** A CRLF (or LF) terminated line without its terminator; null at end of stream. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.length() == 0 ? null : line.toString();
            }
            if (b == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("chunk line too long");
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
