package io.scopecloud.query.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Go's string order (UTF-8 bytes, i.e. code points), which Scope uses for every sorted list it
 * sends: adjacency, sets, parents. Java's {@code compareTo} differs only for surrogate pairs.
 */
public final class GoOrder {
    public static final Comparator<String> STRINGS = GoOrder::compare;

    private GoOrder() {}

    @SuppressWarnings("ReferenceEquality") // identity is a free fast path; the order itself is by code points
    public static int compare(String a, String b) {
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

    private static int fixUp(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /** The sorted, de-duplicated union of two sorted lists; returns one of them when nothing changes. */
    static List<String> union(List<String> a, List<String> b) {
        if (b.isEmpty() || a == b) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        List<String> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            int c = compare(a.get(i), b.get(j));
            if (c < 0) {
                out.add(a.get(i++));
            } else if (c > 0) {
                out.add(b.get(j++));
            } else {
                out.add(a.get(i++));
                j++;
            }
        }
        while (i < a.size()) {
            out.add(a.get(i++));
        }
        while (j < b.size()) {
            out.add(b.get(j++));
        }
        if (out.size() == a.size()) {
            return a;
        }
        if (out.size() == b.size()) {
            return b;
        }
        return List.copyOf(out);
    }
}
