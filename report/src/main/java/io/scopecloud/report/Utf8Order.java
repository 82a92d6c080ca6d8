package io.scopecloud.report;

import java.util.Comparator;

/**
 * Orders strings the way Go's {@code sort.Strings} does: by their UTF-8 bytes, which is code point order.
 *
 * <p>Scope's merge code assumes sets are sorted in byte order and never re-sorts them, so we must sort exactly like
 * Go. Java's {@link String#compareTo} orders by UTF-16 code units, which disagrees with code point order only when a
 * supplementary character (a surrogate pair) meets a character in U+E000..U+FFFF; this comparator fixes that case up
 * and is otherwise as cheap as {@code compareTo}.
 */
final class Utf8Order {
    static final Comparator<String> COMPARATOR = Utf8Order::compare;

    private Utf8Order() {}

    @SuppressWarnings("ReferenceEquality") // identity is a free fast path; the order itself is by code points
    static int compare(String a, String b) {
        if (a == b) {
            return 0;
        }
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    return fixUp(x) - fixUp(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    /** Moves surrogates (supplementary characters) above U+E000..U+FFFF, as in UTF-8. */
    private static int fixUp(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }
}
