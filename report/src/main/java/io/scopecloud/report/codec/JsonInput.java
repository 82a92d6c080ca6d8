package io.scopecloud.report.codec;

import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of a JSON body for {@link JsonBytesTokenSource}: the whole body when it is already an array, else a
 * window over a stream, refilled as it is consumed. The window only grows to hold one short token (a number, a
 * literal, a time, an expected key), so a streamed body costs a fixed buffer whatever its size; longer strings are
 * decoded piecewise by {@link JsonStrings}.
 *
 * <p>Fields are package-private for the scanning loops, which keep {@code buf}, {@code pos} and {@code end} in
 * locals. {@link #ensure} may move the window: positions taken before it are stale after it.
 */
final class JsonInput {
    private static final int STREAM_BUFFER = 32 * 1024;
    private static final long SPACES = 0x2020202020202020L;

    byte[] buf;
    int pos;
    int end;
    private final InputStream in; // null when buf is the whole body
    private final DecodePath path;
    private long discarded; // bytes of the body before buf[0]

    JsonInput(byte[] body, DecodePath path) {
        this.buf = body;
        this.end = body.length;
        this.in = null;
        this.path = path;
    }

    JsonInput(InputStream in, DecodePath path) {
        this.buf = new byte[STREAM_BUFFER];
        this.in = in;
        this.path = path;
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false if the body ends first. */
    boolean ensure(int n) throws IOException {
        return end - pos >= n || (in != null && load(n));
    }

    private boolean load(int n) throws IOException {
        int kept = end - pos;
        byte[] target = n > buf.length ? new byte[Math.max(n, buf.length * 2)] : buf;
        System.arraycopy(buf, pos, target, 0, kept);
        buf = target;
        discarded += pos;
        pos = 0;
        end = kept;
        while (end < n) {
            int read = in.read(buf, end, buf.length - end);
            if (read < 0) {
                return false;
            }
            end += read;
        }
        return true;
    }

    /** Skips JSON whitespace; the next byte (0–255, left unconsumed at {@code pos}), or -1 at the end of the body. */
    int skipWhitespace() throws IOException {
        while (true) {
            byte[] b = buf;
            int p = pos;
            int e = end;
            while (p < e) {
                int c = b[p];
                if (c > ' ') {
                    pos = p;
                    return c;
                }
                if (c == '\n') {
                    p = afterSpaces(b, p + 1, e);
                } else if (c == ' ' || c == '\r' || c == '\t') {
                    p++;
                } else {
                    pos = p;
                    return c & 0xff; // a control character or a non-ASCII byte: the caller refuses it
                }
            }
            pos = p;
            if (!ensure(1)) {
                return -1;
            }
        }
    }

    /**
     * Past the spaces from {@code p}, 8 bytes at a time: indented JSON (Go's {@code MarshalIndent}) puts a run of
     * them after every newline, and whitespace is over 40% of such a body. Near the end of the window the caller's
     * loop takes the rest byte by byte.
     */
    private static int afterSpaces(byte[] b, int p, int e) {
        while (p <= e - 8) {
            long notSpace = ByteWords.word(b, p) ^ SPACES; // zero bytes where there are spaces
            if (notSpace != 0) {
                return p + (Long.numberOfTrailingZeros(notSpace) >>> 3);
            }
            p += 8;
        }
        return p;
    }

    /** Consumes {@code literal} (true, false, null), which must not run on into a longer word. */
    void literal(String literal) throws IOException, ReportDecodeException {
        int n = literal.length();
        boolean complete = ensure(n + 1);
        for (int i = 0; i < n; i++) {
            if (pos + i == end) {
                throw error(Problem.TRUNCATED, "unexpected end of input in '" + literal + "'");
            }
            if (buf[pos + i] != literal.charAt(i)) {
                throw error(Problem.MALFORMED, "unrecognized token (expected '" + literal + "')");
            }
        }
        if (complete && isWordByte(buf[pos + n])) {
            throw error(Problem.MALFORMED, "unrecognized token '" + literal + (char) (buf[pos + n] & 0xff) + "...'");
        }
        pos += n;
    }

    private static boolean isWordByte(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b < 0;
    }

    /** A syntax problem at {@code pos}: what, the byte offset in the (decompressed) body, and the JSON pointer. */
    ReportDecodeException error(Problem problem, String what) {
        return new ReportDecodeException(problem, what + " (byte " + (discarded + pos) + ") at " + path.pointer());
    }

    /** The syntax problem for byte {@code c} at {@code pos} where something else belongs (-1: end of input). */
    ReportDecodeException unexpected(int c, String expected) {
        if (c < 0) {
            return error(Problem.TRUNCATED, "unexpected end of input, expected " + expected);
        }
        String found = c >= 0x20 && c < 0x7f ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
        return error(Problem.MALFORMED, "unexpected " + found + ", expected " + expected);
    }
}
