package io.scopecloud.probe.plugins;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An incremental HTTP/1.1 response parser: bytes are fed as they arrive and it says when the
 * response is complete. It understands {@code Content-Length}, {@code chunked} transfer encoding
 * and bodies delimited by the connection closing, and it refuses bodies over a size limit before
 * buffering them. Pure (no I/O), so every framing case is table-tested.
 */
public final class HttpResponseReader {
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private enum State {
        HEAD,
        FIXED_BODY,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_DATA_END,
        TRAILERS,
        BODY_UNTIL_EOF,
        DONE
    }

    private final long maxBodyBytes;
    private final String tooLargeMessage;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(512);
    private ByteArrayOutputStream body = new ByteArrayOutputStream(4096);
    private State state = State.HEAD;
    private int headLineLength;
    private long remaining;
    private int status;
    private String reason = "";
    private final Map<String, String> headers = new HashMap<>();

    /**
     * @param tooLargeMessage the error for an over-limit body (Scope's is "response must be
     *     shorter than 50MB")
     */
    public HttpResponseReader(long maxBodyBytes, String tooLargeMessage) {
        this.maxBodyBytes = maxBodyBytes;
        this.tooLargeMessage = tooLargeMessage;
    }

    /** Consumes bytes; returns true once the whole response has been read. */
    public boolean feed(byte[] data, int offset, int length) throws IOException {
        int i = offset;
        int end = offset + length;
        while (i < end && state != State.DONE) {
            switch (state) {
                case HEAD -> i = readHead(data, i, end);
                case FIXED_BODY, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    appendBody(data, i, n);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == State.FIXED_BODY ? State.DONE : State.CHUNK_DATA_END;
                    }
                }
                case CHUNK_SIZE, CHUNK_DATA_END, TRAILERS -> i = readChunkLine(data, i, end);
                case BODY_UNTIL_EOF -> {
                    appendBody(data, i, end - i);
                    i = end;
                }
                case DONE -> {}
            }
        }
        return state == State.DONE;
    }

    /** Signals the end of the stream; returns true if the response is complete. */
    public boolean finish() throws IOException {
        if (state == State.BODY_UNTIL_EOF) {
            state = State.DONE;
        }
        if (state != State.DONE) {
            throw new IOException("connection closed before the response was complete");
        }
        return true;
    }

    public boolean isComplete() {
        return state == State.DONE;
    }

    public UnixHttpResponse response() {
        if (state != State.DONE) {
            throw new IllegalStateException("response is not complete");
        }
        return new UnixHttpResponse(status, reason, headers, body.toByteArray());
    }

    private int readHead(byte[] data, int i, int end) throws IOException {
        while (i < end) {
            byte b = data[i++];
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("response head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n') {
                if (headLineLength == 0) {
                    parseHead(head.toString(StandardCharsets.ISO_8859_1));
                    return i;
                }
                headLineLength = 0;
            } else if (b != '\r') {
                headLineLength++;
            }
        }
        return i;
    }

    private void parseHead(String text) throws IOException {
        String[] lines = text.split("\r?\n", -1);
        String statusLine = lines[0];
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("malformed HTTP status line: " + statusLine);
        }
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("malformed HTTP status line: " + statusLine, e);
        }
        reason = parts.length > 2 ? parts[2] : "";
        for (int k = 1; k < lines.length; k++) {
            String header = lines[k];
            if (header.isEmpty()) {
                continue;
            }
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed HTTP header: " + header);
            }
            headers.put(
                    header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        String transferEncoding = headers.get("transfer-encoding");
        String contentLength = headers.get("content-length");
        if (status / 100 == 1 || status == 204 || status == 304) {
            state = State.DONE;
        } else if (transferEncoding != null
                && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            state = State.CHUNK_SIZE;
        } else if (contentLength != null) {
            try {
                remaining = Long.parseLong(contentLength);
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length: " + contentLength, e);
            }
            if (remaining < 0) {
                throw new IOException("malformed Content-Length: " + contentLength);
            }
            if (remaining > maxBodyBytes) {
                throw new IOException(tooLargeMessage);
            }
            state = remaining == 0 ? State.DONE : State.FIXED_BODY;
        } else {
            state = State.BODY_UNTIL_EOF;
        }
    }

    private int readChunkLine(byte[] data, int i, int end) throws IOException {
        while (i < end) {
            byte b = data[i++];
            if (b != '\n') {
                line.write(b);
                if (line.size() > 4096) {
                    throw new IOException("chunk line too long");
                }
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1).trim();
            line.reset();
            switch (state) {
                case CHUNK_SIZE -> {
                    int semicolon = text.indexOf(';');
                    String size =
                            semicolon < 0 ? text : text.substring(0, semicolon).trim();
                    try {
                        remaining = Long.parseLong(size, 16);
                    } catch (NumberFormatException e) {
                        throw new IOException("malformed chunk size: " + text, e);
                    }
                    if (remaining < 0 || body.size() + remaining > maxBodyBytes) {
                        throw new IOException(tooLargeMessage);
                    }
                    state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
                }
                case CHUNK_DATA_END -> {
                    if (!text.isEmpty()) {
                        throw new IOException("chunk not followed by CRLF");
                    }
                    state = State.CHUNK_SIZE;
                }
                case TRAILERS -> {
                    if (text.isEmpty()) {
                        state = State.DONE;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
            return i;
        }
        return i;
    }

    private void appendBody(byte[] data, int offset, int length) throws IOException {
        if (body.size() + (long) length > maxBodyBytes) {
            body = new ByteArrayOutputStream(0);
            throw new IOException(tooLargeMessage);
        }
        body.write(data, offset, length);
    }
}
