package io.scopecloud.report.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte arrays read 8 bytes at a time, for the decoders' scanning and comparing loops. The arrays compared are short
 * (keys, times, numbers), where {@code Arrays.equals} on ranges spends more on its checks and call than on the
 * bytes.
 */
final class ByteWords {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteWords() {}

    /** The 8 bytes {@code b[i..i+8)} as one little-endian word (so the lowest byte comes first). */
    static long word(byte[] b, int i) {
        return (long) WORDS.get(b, i);
    }

    /** Whether {@code a[0..len)} equals {@code b[off..off+len)}; both ranges must exist. */
    static boolean equal(byte[] a, byte[] b, int off, int len) {
        if (len < 8) {
            for (int i = 0; i < len; i++) {
                if (a[i] != b[off + i]) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < len - 8; i += 8) {
            if (word(a, i) != word(b, off + i)) {
                return false;
            }
        }
        return word(a, len - 8) == word(b, off + len - 8); // the last 8 bytes, overlapping the previous word
    }
}
