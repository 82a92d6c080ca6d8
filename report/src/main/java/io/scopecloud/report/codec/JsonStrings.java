package io.scopecloud.report.codec;

import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads JSON strings from a {@link JsonInput} positioned on the opening quote. Nearly every string in a report is
 * plain ASCII without escapes, and those are built straight from the input bytes; the rest (escapes, other UTF-8)
 * are decoded byte by byte into a reused char buffer, across refills of a streamed body. Refuses what Jackson
 * refuses: unescaped control characters and bad escapes, and (stricter than Jackson) any byte sequence that is not
 * well-formed UTF-8 (RFC 3629: no overlong forms, no encoded surrogates, nothing above U+10FFFF).
 */
final class JsonStrings {
    private static final long ONES = 0x0101010101010101L;
    private final JsonInput in;
    private final int maxLength;
    private final StringCache keys = new StringCache(); // keys repeat on every node: one string per distinct key
    private char[] chars;

    JsonStrings(JsonInput in, DecodeLimits limits) {
        this.in = in;
        this.maxLength = limits.maxStringLength();
        this.chars = new char[Math.min(256, maxLength)];
    }

    /** A string value. */
    String read() throws IOException, ReportDecodeException {
        int close = scanPlain();
        if (close < 0) {
            return readEscaped();
        }
        int start = in.pos + 1;
        in.pos = close + 1;
        return close == start ? "" : new String(in.buf, start, close - start, StandardCharsets.ISO_8859_1);
    }

    /** A map key: the cached copy of a short key seen before, or a new string. */
    String readKey() throws IOException, ReportDecodeException {
        int close = scanPlain();
        if (close < 0) {
            return readEscaped();
        }
        byte[] b = in.buf;
        int start = in.pos + 1;
        int len = close - start;
        in.pos = close + 1;
        if (len == 0) {
            return "";
        }
        return len <= StringCache.MAX_LENGTH
                ? keys.get(b, start, len)
                : new String(b, start, len, StandardCharsets.ISO_8859_1);
    }

    /**
     * If the string at {@code pos} is plain ASCII (no escape, no control character) and ends inside the current
     * window, the index of its closing quote, with its length checked; else -1. Consumes nothing.
     */
    int scanPlain() throws ReportDecodeException {
        byte[] b = in.buf;
        int start = in.pos + 1;
        int e = in.end;
        int i = start;
        while (i <= e - 8) { // 8 bytes at a time, to the first that is not plain
            long special = specialBytes(ByteWords.word(b, i));
            if (special != 0) {
                i += Long.numberOfTrailingZeros(special) >>> 3;
                if (b[i] == '"') {
                    checkLength(i - start);
                    return i;
                }
                return -1;
            }
            i += 8;
        }
        for (; i < e; i++) {
            int c = b[i];
            if (c == '"') {
                checkLength(i - start);
                return i;
            }
            if (c < 0x20 || c == '\\') { // negative: a non-ASCII byte
                return -1;
            }
        }
        return -1;
    }

    /**
     * The top bit of each of the 8 bytes of {@code w} (little-endian) set where the byte is a quote, a backslash, a
     * control character or non-ASCII, and possibly above such a byte. Each test is the classic "has a zero byte" bit
     * trick, where a borrow only ever flags a byte above one that is flagged itself: so the lowest flag is exact.
     */
    private static long specialBytes(long w) {
        long quotes = w ^ 0x2222222222222222L;
        long backslashes = w ^ 0x5c5c5c5c5c5c5c5cL;
        long flagged = ((quotes - ONES) & ~quotes)
                | ((backslashes - ONES) & ~backslashes)
                | (w - 0x2020202020202020L) // a byte below 0x20 borrows
                | w; // a non-ASCII byte has its top bit set
        return flagged & 0x8080808080808080L;
    }

    /** Any string, decoded byte by byte (the general path behind {@link #read()}). */
    String readEscaped() throws IOException, ReportDecodeException {
        in.pos++; // the opening quote
        int n = 0;
        while (true) {
            int c = next();
            if (c == '"') {
                return new String(chars, 0, n);
            }
            if (c == '\\') {
                n = append(n, escape());
            } else if (c >= 0x20) {
                n = append(n, (char) c);
            } else if (c >= 0) {
                throw controlCharacter(c);
            } else {
                int cp = utf8(c);
                if (cp >= Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                    n = append(n, Character.highSurrogate(cp));
                    n = append(n, Character.lowSurrogate(cp));
                } else {
                    n = append(n, (char) cp);
                }
            }
        }
    }

    /** Appends at {@code n}; the buffer never grows past the limit, so a long string costs at most that. */
    private int append(int n, char c) throws ReportDecodeException {
        if (n == chars.length) {
            if (n >= maxLength) {
                throw tooLong();
            }
            chars = Arrays.copyOf(chars, (int) Math.min(2L * n, maxLength));
        }
        chars[n] = c;
        return n + 1;
    }

    /** Skips a string, checking it as {@link #readEscaped()} does but without the length limit or a copy. */
    void skip() throws IOException, ReportDecodeException {
        in.pos++;
        while (true) {
            byte[] b = in.buf;
            int p = in.pos;
            int e = in.end;
            while (p < e && b[p] >= 0x20 && b[p] != '"' && b[p] != '\\') {
                p++;
            }
            in.pos = p;
            int c = next();
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                escape();
            } else if (c < 0) {
                utf8(c);
            } else if (c < 0x20) {
                throw controlCharacter(c);
            } // else an ordinary byte that began a refilled window
        }
    }

    /** The next byte of a string (as a signed byte: negative for non-ASCII), consumed. */
    private int next() throws IOException, ReportDecodeException {
        if (in.pos == in.end && !in.ensure(1)) {
            throw in.error(Problem.TRUNCATED, "unexpected end of input in a string");
        }
        return in.buf[in.pos++];
    }

    /** The char of the escape after a backslash; a {@code \}{@code u} escape gives one UTF-16 unit, as in Java. */
    private char escape() throws IOException, ReportDecodeException {
        int c = next();
        return switch (c) {
            case '"', '\\', '/' -> (char) c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int unit = 0;
                for (int i = 0; i < 4; i++) {
                    int h = Character.digit(next(), 16);
                    if (h < 0) {
                        in.pos--;
                        throw in.error(Problem.MALFORMED, "bad \\u escape in a string");
                    }
                    unit = unit << 4 | h;
                }
                yield (char) unit;
            }
            default -> {
                in.pos--;
                throw in.error(Problem.MALFORMED, "bad escape in a string");
            }
        };
    }

    /** The code point of a multi-byte UTF-8 sequence whose first byte, {@code lead}, is consumed. */
    private int utf8(int lead) throws IOException, ReportDecodeException {
        int b0 = lead & 0xff;
        int more;
        int cp;
        int min;
        if (b0 >= 0xc2 && b0 <= 0xdf) {
            more = 1;
            cp = b0 & 0x1f;
            min = 0x80;
        } else if (b0 >= 0xe0 && b0 <= 0xef) {
            more = 2;
            cp = b0 & 0x0f;
            min = 0x800;
        } else if (b0 >= 0xf0 && b0 <= 0xf4) {
            more = 3;
            cp = b0 & 0x07;
            min = 0x10000;
        } else {
            in.pos--;
            throw in.error(Problem.MALFORMED, String.format("invalid UTF-8 start byte 0x%02x", b0));
        }
        for (int i = 0; i < more; i++) {
            int b = next();
            if ((b & 0xc0) != 0x80) {
                in.pos--;
                throw in.error(Problem.MALFORMED, String.format("invalid UTF-8 continuation byte 0x%02x", b & 0xff));
            }
            cp = cp << 6 | (b & 0x3f);
        }
        if (cp < min || cp > Character.MAX_CODE_POINT || (cp >= 0xd800 && cp <= 0xdfff)) {
            throw in.error(Problem.MALFORMED, String.format("invalid UTF-8 sequence for U+%04X", cp));
        }
        return cp;
    }

    private void checkLength(int len) throws ReportDecodeException {
        if (len > maxLength) {
            throw tooLong();
        }
    }

    private ReportDecodeException tooLong() {
        return in.error(Problem.STRING_TOO_LONG, "string longer than the limit of " + maxLength + " chars");
    }

    private ReportDecodeException controlCharacter(int c) {
        in.pos--;
        return in.error(Problem.MALFORMED, String.format("unescaped control character 0x%02x in a string", c));
    }
}
