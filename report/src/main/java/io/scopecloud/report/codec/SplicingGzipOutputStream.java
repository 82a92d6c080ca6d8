package io.scopecloud.report.codec;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member (RFC 1952) into which bytes compressed earlier can be spliced, so that a large part
 * repeated from the previous report is neither encoded nor compressed again. Before a splice the
 * deflater is flushed in full (Z_FULL_FLUSH: byte-aligned, and nothing after refers back past
 * it); the spliced part's own deflate blocks, compressed alone, end byte-aligned and refer to
 * nothing before them; the CRC and the length cover its bytes. A reader sees an ordinary gzip
 * member holding exactly the bytes written and spliced, in order. Closing ends the member and the
 * deflater, not the stream written to.
 */
final class SplicingGzipOutputStream extends FilterOutputStream {
    private static final int GZIP_MAGIC = 0x8b1f;
    private static final byte[] HEADER = {
        (byte) GZIP_MAGIC, (byte) (GZIP_MAGIC >> 8), Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff
    };

    private final int level;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final byte[] buffer = new byte[32 * 1024];
    private long length;
    private boolean finished;

    SplicingGzipOutputStream(OutputStream out, int level) throws IOException {
        super(out);
        this.level = level;
        this.deflater = new Deflater(level, true);
        out.write(HEADER);
    }

    /**
     * {@code bytes} as deflate blocks that {@link #splice} can copy into a member of this level: a
     * fresh deflater refers to nothing before them, and SYNC_FLUSH ends them byte-aligned and not
     * final.
     */
    byte[] compressAlone(byte[] bytes) {
        Deflater alone = new Deflater(level, true);
        try {
            ByteArrayOutputStream result = new ByteArrayOutputStream(Math.max(64, bytes.length / 8));
            alone.setInput(bytes);
            int n;
            do {
                n = alone.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                result.write(buffer, 0, n);
            } while (n == buffer.length);
            return result.toByteArray();
        } finally {
            alone.end();
        }
    }

    /**
     * Writes {@code plain} by copying {@code compressed}, which {@link #compressAlone} made from
     * exactly these bytes.
     */
    void splice(byte[] plain, byte[] compressed) throws IOException {
        deflate(Deflater.FULL_FLUSH);
        out.write(compressed);
        crc.update(plain);
        length += plain.length;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("write after the gzip member was finished");
        }
        crc.update(b, off, len);
        length += len;
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
            out.write(buffer, 0, n);
        }
    }

    @Override
    public void flush() {
        // the member is written at close; flushing the deflater here would only cost compression
    }

    /** Ends the member: the last deflate block, then the CRC and the length (mod 2^32). */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        deflater.finish();
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH);
            out.write(buffer, 0, n);
        }
        writeIntLe((int) crc.getValue());
        writeIntLe((int) length);
        finished = true;
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            deflater.end();
        }
    }

    private void deflate(int flush) throws IOException {
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, flush);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
    }

    private void writeIntLe(int v) throws IOException {
        out.write(new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)});
    }
}
