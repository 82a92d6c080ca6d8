package io.scopecloud.report.codec;

import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JSON number at a {@link JsonInput}'s position: {@link #scan()} checks its syntax (RFC 8259: no leading zeros,
 * no lone point, no sign on the mantissa but '-') and gathers up to 18 significant digits; the values are computed
 * from those when that is exact, else from the text. Numbers are at most {@link #MAX_LENGTH} characters, as in our
 * Jackson configuration before, so converting one never costs more than that.
 */
final class JsonNumber {
    static final int MAX_LENGTH = 1000;
    private static final int MAX_DIGITS = 18; // any 18 digits fit in a long
    private static final long MAX_EXACT_DOUBLE = 1L << 53;
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };

    private final JsonInput in;
    private byte[] text;
    private int start;
    private int end;
    private boolean negative;
    private boolean integral;
    private boolean allDigits; // no significant digit was dropped from `digits`
    private long digits;
    private int scale; // value = ±digits × 10^scale when allDigits
    // The last number parsed as text: reports repeat such values (every memory metric's max is 2^64 as a float).
    private byte[] lastParsed = new byte[0];
    private double lastValue;

    JsonNumber(JsonInput in) {
        this.in = in;
    }

    /** Scans and consumes the number at the input's position, whose first byte is '-' or a digit. */
    void scan() throws IOException, ReportDecodeException {
        in.ensure(MAX_LENGTH + 1);
        byte[] b = in.buf;
        int p = in.pos;
        int limit = Math.min(in.end, p + MAX_LENGTH + 1);
        start = p;
        negative = b[p] == '-';
        if (negative) {
            p++;
        }
        long m = 0;
        int nd = 0; // significant digits in m
        int s = 0;
        boolean exact = true;
        p = expectDigit(b, p, limit, "a digit");
        if (b[p] == '0') {
            p++;
        } else {
            do {
                if (nd < MAX_DIGITS) {
                    m = m * 10 + (b[p] - '0');
                    nd++;
                } else {
                    s++;
                    exact = false;
                }
                p++;
            } while (p < limit && isDigit(b[p]));
        }
        integral = true;
        if (p < limit && b[p] == '.') {
            integral = false;
            p = expectDigit(b, p + 1, limit, "a digit after the decimal point");
            do {
                if (nd < MAX_DIGITS) {
                    m = m * 10 + (b[p] - '0');
                    nd += m == 0 ? 0 : 1; // zeros right after the point are not significant
                    s--;
                } else {
                    exact = false;
                }
                p++;
            } while (p < limit && isDigit(b[p]));
        }
        if (p < limit && (b[p] == 'e' || b[p] == 'E')) {
            integral = false;
            p++;
            boolean minus = p < limit && b[p] == '-';
            if (p < limit && (b[p] == '+' || b[p] == '-')) {
                p++;
            }
            p = expectDigit(b, p, limit, "a digit in the exponent");
            int exponent = 0;
            do {
                exponent = Math.min(exponent * 10 + (b[p] - '0'), 100_000); // far past any double's range
                p++;
            } while (p < limit && isDigit(b[p]));
            s += minus ? -exponent : exponent;
        }
        if (p - start > MAX_LENGTH) {
            throw tooLong();
        }
        text = b;
        end = p;
        digits = m;
        scale = s;
        allDigits = exact;
        in.pos = p;
    }

    private int expectDigit(byte[] b, int p, int limit, String what) throws ReportDecodeException {
        if (p < limit && isDigit(b[p])) {
            return p;
        }
        if (p - start > MAX_LENGTH) {
            throw tooLong();
        }
        in.pos = p;
        throw p == in.end
                ? in.error(Problem.TRUNCATED, "unexpected end of input in a number")
                : in.error(Problem.MALFORMED, "bad number: expected " + what);
    }

    private ReportDecodeException tooLong() {
        return in.error(Problem.MALFORMED, "number longer than " + MAX_LENGTH + " characters");
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Whether the number has neither a fraction nor an exponent (a JSON integer, as Jackson tells them apart). */
    boolean integral() {
        return integral;
    }

    /**
     * The value of an {@link #integral()} number; one from 2^63 to 2^64 - 1 keeps its bits (a Go uint64).
     *
     * @throws NumberFormatException if it is outside the int64 and uint64 ranges
     */
    long longValue() {
        if (allDigits) {
            return negative ? -digits : digits;
        }
        String s = asText();
        return negative ? Long.parseLong(s) : Long.parseUnsignedLong(s);
    }

    /**
     * The nearest double. With at most 2^53 as digits and a power of ten up to 10^22, both are exact doubles and
     * one IEEE multiplication or division rounds correctly (Clinger's fast path); anything else is parsed.
     */
    double doubleValue() {
        if (allDigits && digits <= MAX_EXACT_DOUBLE && scale >= -22 && scale <= 22) {
            double d = scale >= 0 ? digits * POWERS_OF_TEN[scale] : digits / POWERS_OF_TEN[-scale];
            return negative ? -d : d;
        }
        int len = end - start;
        if (len != lastParsed.length || !ByteWords.equal(lastParsed, text, start, len)) {
            lastParsed = Arrays.copyOfRange(text, start, end);
            lastValue = Double.parseDouble(asText());
        }
        return lastValue;
    }

    private String asText() {
        return new String(text, start, end - start, StandardCharsets.ISO_8859_1);
    }
}
