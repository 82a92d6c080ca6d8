package io.scopecloud.report.codec;

import java.nio.charset.StandardCharsets;

/**
 * A schema key with its UTF-8 bytes, for {@link TokenSource#nextKey(ExpectedKey)}: a source compares the bytes with
 * its input and, when they match, returns {@link #name()} without building or looking up a string.
 */
final class ExpectedKey {
    private final String name;
    private final byte[] utf8;

    ExpectedKey(String name) {
        this.name = name;
        this.utf8 = name.getBytes(StandardCharsets.UTF_8);
    }

    String name() {
        return name;
    }

    /** Whether {@code b[off..off+len)} is this key's UTF-8. */
    boolean matches(byte[] b, int off, int len) {
        return len == utf8.length && ByteWords.equal(utf8, b, off, len);
    }

    int length() {
        return utf8.length;
    }

    @Override
    public String toString() {
        return name;
    }
}
