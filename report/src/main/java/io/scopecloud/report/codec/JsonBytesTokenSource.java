package io.scopecloud.report.codec;

import io.scopecloud.report.GoTime;
import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * {@link TokenSource} over the UTF-8 bytes of a JSON body, read in place (see docs/adr/0009). A value is parsed only
 * when the reader asks for it as a type, so each byte is looked at about once: keys Go writes in a fixed order are
 * compared with the input bytes, other keys come from a cache, ASCII strings are built straight from the bytes,
 * numbers and times are converted without an intermediate string. Syntax errors are MALFORMED (TRUNCATED at the
 * end of the body) with the byte offset and the JSON pointer; limits are checked as in the other sources.
 *
 * <p>Not read: anything after the root value (as with Jackson before, and Scope's own decoder, which reads one
 * value from the stream).
 */
final class JsonBytesTokenSource extends TokenSource {
    /** Longer than any RFC 3339 time, so that one is entirely in the window when its parse starts. */
    private static final int TIME_LOOKAHEAD = 64;

    private final DecodePath path = new DecodePath();
    private final JsonInput in;
    private final JsonStrings strings;
    private final JsonNumber number;
    private final GoTimes.Parser times = new GoTimes.Parser();
    private final int maxDepth;
    private boolean[] skipping = new boolean[16]; // per container open inside a skipped value: is it a map

    JsonBytesTokenSource(byte[] body, DecodeLimits limits) {
        super(limits);
        this.in = new JsonInput(body, path);
        this.strings = new JsonStrings(in, limits);
        this.number = new JsonNumber(in);
        this.maxDepth = limits.maxDepth();
    }

    JsonBytesTokenSource(InputStream body, DecodeLimits limits) {
        super(limits);
        this.in = new JsonInput(body, path);
        this.strings = new JsonStrings(in, limits);
        this.number = new JsonNumber(in);
        this.maxDepth = limits.maxDepth();
    }

    @Override
    void begin() throws IOException, ReportDecodeException {
        if (in.ensure(3)
                && in.buf[in.pos] == (byte) 0xef
                && in.buf[in.pos + 1] == (byte) 0xbb
                && in.buf[in.pos + 2] == (byte) 0xbf) {
            in.pos += 3; // a UTF-8 byte order mark, which Jackson skipped too
        }
        if (in.skipWhitespace() < 0) {
            throw new ReportDecodeException(Problem.TRUNCATED, "empty body");
        }
    }

    @Override
    boolean readNull() throws IOException, ReportDecodeException {
        if (in.buf[in.pos] == 'n') {
            in.literal("null");
            return true;
        }
        return false;
    }

    @Override
    void startMap() throws IOException, ReportDecodeException {
        enter('{', "an object");
        path.pushMap();
    }

    @Override
    String nextKey() throws IOException, ReportDecodeException {
        return nextKey(null);
    }

    @Override
    String nextKey(ExpectedKey expected) throws IOException, ReportDecodeException {
        int c = in.skipWhitespace();
        if (c == '}') {
            in.pos++;
            path.pop();
            return null;
        }
        if (!path.beforeFirstKey()) {
            if (c != ',') {
                throw in.unexpected(c, "',' or '}'");
            }
            in.pos++;
            c = in.skipWhitespace();
        }
        if (c != '"') {
            throw in.unexpected(c, "a key");
        }
        String key = expected != null && atKey(expected) ? expected.name() : strings.readKey();
        c = in.skipWhitespace();
        if (c != ':') {
            throw in.unexpected(c, "':'");
        }
        in.pos++;
        if (in.skipWhitespace() < 0) {
            throw in.unexpected(-1, "a value");
        }
        path.key(key);
        countEntry();
        return key;
    }

    /** If the input at the opening quote is exactly {@code expected}'s key, consumes it. */
    private boolean atKey(ExpectedKey expected) throws IOException {
        int n = expected.length();
        if (!in.ensure(n + 2)) {
            return false;
        }
        byte[] b = in.buf;
        int p = in.pos;
        if (b[p + n + 1] == '"' && expected.matches(b, p + 1, n)) {
            in.pos = p + n + 2;
            return true;
        }
        return false;
    }

    @Override
    void startArray() throws IOException, ReportDecodeException {
        enter('[', "an array");
        path.pushArray();
    }

    /** Consumes the current value's opening bracket, which must be {@code open}, one level deeper. */
    private void enter(char open, String what) throws IOException, ReportDecodeException {
        if (in.buf[in.pos] != open) {
            throw wrongType(what);
        }
        checkDepth(path.depth());
        in.pos++;
    }

    @Override
    boolean nextElement() throws IOException, ReportDecodeException {
        int c = in.skipWhitespace();
        if (c == ']') {
            in.pos++;
            path.pop();
            return false;
        }
        if (!path.beforeFirstElement()) {
            if (c != ',') {
                throw in.unexpected(c, "',' or ']'");
            }
            in.pos++;
            c = in.skipWhitespace();
        }
        if (c < 0) {
            throw in.unexpected(c, "a value");
        }
        path.nextIndex();
        countEntry();
        return true;
    }

    @Override
    String readString() throws IOException, ReportDecodeException {
        byte c = in.buf[in.pos];
        if (c == '"') {
            return strings.read();
        }
        if (c == 'n') {
            in.literal("null");
            return "";
        }
        throw wrongType("a string");
    }

    @Override
    long readLong() throws IOException, ReportDecodeException {
        byte c = in.buf[in.pos];
        if (c == '-' || (c >= '0' && c <= '9')) {
            number.scan();
            if (number.integral()) {
                try {
                    return number.longValue();
                } catch (NumberFormatException e) {
                    throw error(Problem.WRONG_TYPE, "integer out of range");
                }
            }
            double d = number.doubleValue();
            if (d != Math.rint(d) || Math.abs(d) > 9.2e18) {
                throw error(Problem.WRONG_TYPE, "expected an integer, found " + d);
            }
            return (long) d;
        }
        if (c == 'n') {
            in.literal("null");
            return 0;
        }
        throw wrongType("an integer");
    }

    @Override
    double readDouble() throws IOException, ReportDecodeException {
        byte c = in.buf[in.pos];
        if (c == '-' || (c >= '0' && c <= '9')) {
            number.scan();
            return number.doubleValue();
        }
        if (c == 'n') {
            in.literal("null");
            return 0;
        }
        throw wrongType("a number");
    }

    @Override
    boolean readBoolean() throws IOException, ReportDecodeException {
        return switch (in.buf[in.pos]) {
            case 't' -> {
                in.literal("true");
                yield true;
            }
            case 'f' -> {
                in.literal("false");
                yield false;
            }
            case 'n' -> {
                in.literal("null");
                yield false;
            }
            default -> throw wrongType("a boolean");
        };
    }

    @Override
    Instant readTime() throws IOException, ReportDecodeException {
        byte c = in.buf[in.pos];
        if (c == 'n') {
            in.literal("null");
            return GoTime.ZERO;
        }
        if (c != '"') {
            throw wrongType("a time string");
        }
        in.ensure(TIME_LOOKAHEAD);
        int close = strings.scanPlain();
        Instant t;
        String text = null;
        if (close >= 0) {
            int start = in.pos + 1;
            t = times.parse(in.buf, start, close - start);
            if (t == null) {
                text = new String(in.buf, start, close - start, StandardCharsets.ISO_8859_1);
            }
            in.pos = close + 1;
        } else {
            text = strings.readEscaped();
            t = GoTimes.parse(text);
        }
        if (t == null) {
            throw error(Problem.BAD_TIMESTAMP, "not an RFC 3339 time: " + abbreviate(text));
        }
        return t;
    }

    /** Skips the current value, checking its syntax and depth, without recursion (the depth limit may be high). */
    @Override
    void skip() throws IOException, ReportDecodeException {
        int base = path.depth();
        int open = 0; // containers open inside the skipped value
        int c = in.buf[in.pos] & 0xff;
        while (true) {
            boolean valueDone = true;
            if (c == '{' || c == '[') {
                checkDepth(base + open);
                boolean map = c == '{';
                if (open == skipping.length) {
                    skipping = Arrays.copyOf(skipping, open * 2);
                }
                skipping[open++] = map;
                in.pos++;
                c = in.skipWhitespace();
                if (c == (map ? '}' : ']')) {
                    in.pos++;
                    open--;
                } else {
                    c = map ? skipKey(c) : c;
                    valueDone = false;
                }
            } else {
                skipScalar(c);
            }
            while (valueDone) { // leave the containers this value ended, or go on to the next value
                if (open == 0) {
                    return;
                }
                boolean map = skipping[open - 1];
                c = in.skipWhitespace();
                if (c == ',') {
                    in.pos++;
                    c = in.skipWhitespace();
                    c = map ? skipKey(c) : c;
                    valueDone = false;
                } else if (c == (map ? '}' : ']')) {
                    in.pos++;
                    open--;
                } else {
                    throw in.unexpected(c, map ? "',' or '}'" : "',' or ']'");
                }
            }
        }
    }

    /** Skips the key at {@code c} and its colon; returns the first byte of its value. */
    private int skipKey(int c) throws IOException, ReportDecodeException {
        if (c != '"') {
            throw in.unexpected(c, "a key");
        }
        strings.skip();
        c = in.skipWhitespace();
        if (c != ':') {
            throw in.unexpected(c, "':'");
        }
        in.pos++;
        return in.skipWhitespace();
    }

    private void skipScalar(int c) throws IOException, ReportDecodeException {
        switch (c) {
            case '"' -> strings.skip();
            case 't' -> in.literal("true");
            case 'f' -> in.literal("false");
            case 'n' -> in.literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    number.scan();
                } else {
                    throw in.unexpected(c, "a value");
                }
            }
        }
    }

    @Override
    String location() {
        return path.pointer();
    }

    /** Refuses to open a container inside {@code depth} open ones if that passes the limit. */
    private void checkDepth(int depth) throws ReportDecodeException {
        if (depth >= maxDepth) {
            throw error(Problem.TOO_DEEP, "nesting deeper than " + maxDepth);
        }
    }

    /**
     * WRONG_TYPE for the current value, named by its kind; MALFORMED if it is no JSON value at all (its syntax is
     * checked first, as Jackson tokenized it before our reader saw its type).
     */
    private ReportDecodeException wrongType(String expected) throws IOException, ReportDecodeException {
        int c = in.buf[in.pos] & 0xff;
        String found =
                switch (c) {
                    case '{' -> "an object";
                    case '[' -> "an array";
                    case '"' -> "a string";
                    case 't', 'f' -> {
                        skipScalar(c);
                        yield "a boolean";
                    }
                    case 'n' -> {
                        skipScalar(c);
                        yield "null";
                    }
                    default -> {
                        skipScalar(c); // a number, or the MALFORMED error for what is not a value
                        yield "a number";
                    }
                };
        return error(Problem.WRONG_TYPE, "expected " + expected + ", found " + found);
    }
}
