package io.scopecloud.report.codec;

import static java.util.Objects.requireNonNull;

/**
 * A report body we refuse, with the kind of problem (so the caller can choose 400 or 413 and count it) and a
 * message that says what was wrong and where (a JSON pointer such as {@code /Host/nodes/h;<host>/latest}).
 */
public final class ReportDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong with the body. */
    public enum Problem {
        /** More compressed (wire) bytes than allowed. */
        BODY_TOO_LARGE(true),
        /** More bytes after gunzip than allowed (e.g. a gzip bomb). */
        DECOMPRESSED_TOO_LARGE(true),
        /** More nodes than allowed. */
        TOO_MANY_NODES(true),
        /** More map entries and array elements than allowed (e.g. millions of latest entries on a few nodes). */
        TOO_MANY_ENTRIES(true),
        /** Maps or arrays nested deeper than allowed. */
        TOO_DEEP(false),
        /** A string longer than allowed. */
        STRING_TOO_LONG(true),
        /** Not valid JSON / msgpack / gzip, or not a report. */
        MALFORMED(false),
        /** The body ended in the middle of a value. */
        TRUNCATED(false),
        /** A time value we cannot read. */
        BAD_TIMESTAMP(false),
        /** A value of the wrong type for its key (e.g. a string where a map belongs). */
        WRONG_TYPE(false);

        private final boolean tooLarge;

        Problem(boolean tooLarge) {
            this.tooLarge = tooLarge;
        }

        /** Whether the body is refused for its size (HTTP 413) rather than its content (400). */
        public boolean tooLarge() {
            return tooLarge;
        }
    }

    private final Problem problem;

    public ReportDecodeException(Problem problem, String message) {
        super(requireNonNull(problem, "problem is null") + ": " + requireNonNull(message, "message is null"));
        this.problem = problem;
    }

    public ReportDecodeException(Problem problem, String message, Throwable cause) {
        super(requireNonNull(problem, "problem is null") + ": " + requireNonNull(message, "message is null"), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
