package io.scopecloud.report.codec;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A gzip stream of {@code prefix} followed by {@code pattern} repeated up to {@code totalBytes}, compressed lazily
 * as it is read: a gzip bomb that never exists in memory or on disk.
 */
final class RepeatingGzipStream extends InputStream {
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final byte[] prefix;
    private final byte[] chunk;
    private final long totalBytes;
    private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    private final CRC32 crc = new CRC32();
    private final byte[] out = new byte[64 * 1024];
    private int outPos;
    private int outLen;
    private long fed;
    private boolean prefixFed;
    private boolean headerSent;
    private boolean trailerSent;

    RepeatingGzipStream(String prefix, String pattern, long totalBytes) {
        this(prefix.getBytes(StandardCharsets.UTF_8), pattern.getBytes(StandardCharsets.UTF_8), totalBytes);
    }

    RepeatingGzipStream(byte[] prefix, byte[] pattern, long totalBytes) {
        this.prefix = prefix;
        this.chunk = new byte[pattern.length * Math.max(1, 64 * 1024 / pattern.length)];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = pattern[i % pattern.length];
        }
        this.totalBytes = totalBytes;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        while (outPos == outLen) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    private boolean fill() {
        outPos = 0;
        outLen = 0;
        if (!headerSent) {
            headerSent = true;
            System.arraycopy(HEADER, 0, out, 0, HEADER.length);
            outLen = HEADER.length;
            return true;
        }
        if (!deflater.finished()) {
            if (deflater.needsInput()) {
                if (!prefixFed) {
                    prefixFed = true;
                    feed(prefix, prefix.length);
                } else if (fed < totalBytes + prefix.length) {
                    feed(chunk, (int) Math.min(chunk.length, totalBytes + prefix.length - fed));
                } else {
                    deflater.finish();
                }
            }
            outLen = deflater.deflate(out);
            return true;
        }
        if (!trailerSent) {
            trailerSent = true;
            int c = (int) crc.getValue();
            int size = (int) fed;
            byte[] t = {
                (byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                (byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)
            };
            System.arraycopy(t, 0, out, 0, t.length);
            outLen = t.length;
            return true;
        }
        return false;
    }

    private void feed(byte[] data, int len) {
        deflater.setInput(data, 0, len);
        crc.update(data, 0, len);
        fed += len;
    }
}
