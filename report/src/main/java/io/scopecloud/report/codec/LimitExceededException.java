package io.scopecloud.report.codec;

import java.io.IOException;

/**
 * Thrown from inside a stream when a byte limit is hit. It is an {@link IOException} so that it passes unchanged
 * through the parsers that read the stream; the decoder turns it into a {@link ReportDecodeException}.
 */
final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;

    private final ReportDecodeException.Problem problem;

    LimitExceededException(ReportDecodeException.Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    ReportDecodeException.Problem problem() {
        return problem;
    }
}
