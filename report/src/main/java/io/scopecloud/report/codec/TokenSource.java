package io.scopecloud.report.codec;

import io.scopecloud.report.codec.ReportDecodeException.Problem;
import java.io.IOException;
import java.time.Instant;

/**
 * A pull parser over JSON or msgpack with just the operations the report schema needs, so one
 * {@link ReportReader} decodes both and both formats decode to the same report by construction.
 *
 * <p>Protocol: a value is "current" when positioned on its first token. {@link #nextKey()} and
 * {@link #nextElement()} advance to the next value; the {@code read*} methods consume the current value.
 */
abstract class TokenSource {
    private final long maxEntries;
    private long entries;

    TokenSource(DecodeLimits limits) {
        this.maxEntries = limits.maxEntries();
    }

    /** Positions on the root value. */
    abstract void begin() throws IOException, ReportDecodeException;

    /** If the current value is null (nil), consumes it and returns true. */
    abstract boolean readNull() throws IOException, ReportDecodeException;

    /** Enters the current value, which must be a map. */
    abstract void startMap() throws IOException, ReportDecodeException;

    /** The next key of the innermost map, making its value current; null (and leaves the map) at its end. */
    abstract String nextKey() throws IOException, ReportDecodeException;

    /**
     * Like {@link #nextKey()}, told which key usually comes next (Go writes struct fields in a fixed order). A
     * source may match it against the raw input and skip the general key lookup; it returns {@code expected}'s
     * name then, or whatever key is really next.
     */
    String nextKey(ExpectedKey expected) throws IOException, ReportDecodeException {
        return nextKey();
    }

    /** Enters the current value, which must be an array. */
    abstract void startArray() throws IOException, ReportDecodeException;

    /** Makes the next element current; false (and leaves the array) at its end. */
    abstract boolean nextElement() throws IOException, ReportDecodeException;

    /** A string; null becomes "". */
    abstract String readString() throws IOException, ReportDecodeException;

    /** An integer (an integral float is accepted); null becomes 0. Unsigned 64-bit values keep their bits. */
    abstract long readLong() throws IOException, ReportDecodeException;

    /** A float (integers accepted); null becomes 0. */
    abstract double readDouble() throws IOException, ReportDecodeException;

    /** A boolean; null becomes false. */
    abstract boolean readBoolean() throws IOException, ReportDecodeException;

    /** A Go time; null becomes Go's zero time. */
    abstract Instant readTime() throws IOException, ReportDecodeException;

    /**
     * Skips the current value (a map value whose key we do not know), whatever it is. Neither it nor its key count
     * as entries: nothing of it reaches the model, and the byte limits bound it.
     */
    final void skipValue() throws IOException, ReportDecodeException {
        entries--;
        skip();
    }

    /** Skips the current value, whatever it is (still bounded in depth). */
    abstract void skip() throws IOException, ReportDecodeException;

    /** Counts one map entry or array element against {@link DecodeLimits#maxEntries()}. */
    final void countEntry() throws ReportDecodeException {
        if (++entries > maxEntries) {
            throw error(Problem.TOO_MANY_ENTRIES, "more than " + maxEntries + " map entries and array elements");
        }
    }

    /** Where we are, as a JSON pointer (e.g. {@code /Host/nodes/h;<host>/latest}). */
    abstract String location();

    ReportDecodeException error(Problem problem, String what) {
        return new ReportDecodeException(problem, what + " at " + location());
    }

    /** A string for a message, quoted and cut at 64 chars. */
    static String abbreviate(String s) {
        return s.length() <= 64 ? '"' + s + '"' : '"' + s.substring(0, 64) + "\"...";
    }
}
