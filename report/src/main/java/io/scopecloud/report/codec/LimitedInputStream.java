package io.scopecloud.report.codec;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes as they are read and fails as soon as more than {@code limit} have passed. Placed both under the
 * gunzip (wire bytes) and over it (inflated bytes), so a gzip bomb stops at the limit without ever being held in
 * memory.
 */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final ReportDecodeException.Problem problem;
    private final String what;
    private long count;

    LimitedInputStream(InputStream in, long limit, ReportDecodeException.Problem problem, String what) {
        super(in);
        this.limit = limit;
        this.problem = problem;
        this.what = what;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            add(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) throws LimitExceededException {
        count += n;
        if (count > limit) {
            throw new LimitExceededException(problem, what + " exceeds the limit of " + limit + " bytes");
        }
    }
}
