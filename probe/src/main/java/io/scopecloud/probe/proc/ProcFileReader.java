package io.scopecloud.probe.proc;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads small pseudo-files (whose size {@code stat} reports as 0) into one reused buffer, so a
 * collector that reads thousands of /proc files a second does not allocate a buffer per file.
 *
 * <p>Not thread-safe: each collector thread owns its own reader.
 */
public final class ProcFileReader {
    private static final int MAX_BYTES = 64 * 1024 * 1024;

    private byte[] buffer = new byte[16 * 1024];

    /** Reads the whole file and decodes it byte-per-char, which is exact for /proc's ASCII text. */
    public String readAscii(Path path) throws IOException {
        int length = read(path);
        return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Reads the whole file as UTF-8 (command lines may hold any bytes a program was given). */
    public String readUtf8(Path path) throws IOException {
        int length = read(path);
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * Reads the whole file into this reader's buffer and returns its length; the bytes are in
     * {@link #bytes()} until the next read.
     */
    public int readRaw(Path path) throws IOException {
        return read(path);
    }

    /** The buffer the last {@link #readRaw} filled. */
    public byte[] bytes() {
        return buffer;
    }

    /**
     * Reads the file into the shared buffer and returns its length. A plain {@link
     * FileInputStream} reads straight into the array; a channel would copy through a direct
     * buffer and register a cleaner per file.
     */
    private int read(Path path) throws IOException {
        try (FileInputStream in = new FileInputStream(path.toString())) {
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (buffer.length >= MAX_BYTES) {
                        throw new IOException(path + " is larger than " + MAX_BYTES + " bytes");
                    }
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    return length;
                }
                length += n;
            }
        }
    }
}
