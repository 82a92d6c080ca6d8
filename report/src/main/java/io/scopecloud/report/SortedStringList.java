package io.scopecloud.report;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable set of strings kept as a sorted (Go byte order), duplicate-free array: Scope's {@code StringSet}
 * and {@code IDList}. Union is a linear merge, and returns one of its inputs unchanged when the other adds nothing,
 * so merged reports share unchanged sets.
 */
final class SortedStringList extends AbstractList<String> implements RandomAccess {
    static final SortedStringList EMPTY = new SortedStringList(new String[0]);

    private final String[] items;

    private SortedStringList(String[] items) {
        this.items = items;
    }

    /** Sorts and de-duplicates a copy of {@code values}, or returns it if it already is one of ours. */
    static SortedStringList copyOf(Collection<String> values) {
        if (values instanceof SortedStringList s) {
            return s;
        }
        if (values.isEmpty()) {
            return EMPTY;
        }
        String[] array = values.toArray(new String[0]);
        return adopt(array, array.length);
    }

    static SortedStringList of(String... values) {
        return values.length == 0 ? EMPTY : adopt(values.clone(), values.length);
    }

    /** Takes ownership of {@code array[0..n)}, sorting and de-duplicating it in place when needed. */
    static SortedStringList adopt(String[] array, int n) {
        if (n == 0) {
            return EMPTY;
        }
        for (int i = 0; i < n; i++) {
            if (array[i] == null) {
                throw new NullPointerException("set member is null");
            }
        }
        boolean sorted = true;
        for (int i = 1; i < n; i++) {
            if (Utf8Order.compare(array[i - 1], array[i]) >= 0) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return new SortedStringList(n == array.length ? array : Arrays.copyOf(array, n));
        }
        Arrays.sort(array, 0, n, Utf8Order.COMPARATOR);
        int w = 1;
        for (int r = 1; r < n; r++) {
            if (!array[r].equals(array[w - 1])) {
                array[w++] = array[r];
            }
        }
        return new SortedStringList(Arrays.copyOf(array, w));
    }

    /** The sorted union; returns {@code this} or {@code other} itself when one contains the other. */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: a list united with itself is itself
    SortedStringList union(SortedStringList other) {
        if (other == this || other.items.length == 0) {
            return this;
        }
        if (items.length == 0) {
            return other;
        }
        String[] a = items;
        String[] b = other.items;
        if (a.length == b.length && sameItems(a, b)) {
            // Two versions of one node's set are mostly equal: String.equals (an intrinsic) beats the ordered
            // comparison of the general merge below.
            return this;
        }
        if (b.length == 1) {
            // One item (typically a node's one parent of a type, from another probe): a binary search, no buffer.
            return with(b[0]);
        }
        String[] out = new String[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        boolean addedFromB = false;
        boolean addedFromA = false;
        while (i < a.length && j < b.length) {
            int c = Utf8Order.compare(a[i], b[j]);
            if (c < 0) {
                out[n++] = a[i++];
                addedFromA = true;
            } else if (c > 0) {
                out[n++] = b[j++];
                addedFromB = true;
            } else {
                out[n++] = a[i++];
                j++;
            }
        }
        addedFromA |= i < a.length;
        addedFromB |= j < b.length;
        if (!addedFromB) {
            return this;
        }
        if (!addedFromA) {
            return other;
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return new SortedStringList(n == out.length ? out : Arrays.copyOf(out, n));
    }

    @SuppressWarnings("ReferenceEquality") // identity first, the common case, before the call to equals
    private static boolean sameItems(String[] a, String[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i] && !a[i].equals(b[i])) {
                return false;
            }
        }
        return true;
    }

    SortedStringList with(String value) {
        int at = Arrays.binarySearch(items, value, Utf8Order.COMPARATOR);
        if (at >= 0) {
            return this;
        }
        int ins = -at - 1;
        String[] out = new String[items.length + 1];
        System.arraycopy(items, 0, out, 0, ins);
        out[ins] = value;
        System.arraycopy(items, ins, out, ins + 1, items.length - ins);
        return new SortedStringList(out);
    }

    @Override
    public String get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof String s && Arrays.binarySearch(items, s, Utf8Order.COMPARATOR) >= 0;
    }

    @Override
    public int indexOf(Object o) {
        if (!(o instanceof String s)) {
            return -1;
        }
        int at = Arrays.binarySearch(items, s, Utf8Order.COMPARATOR);
        return at >= 0 ? at : -1;
    }

    @Override
    public int lastIndexOf(Object o) {
        return indexOf(o);
    }

    @Override
    public Object[] toArray() {
        return items.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SortedStringList s) {
            return Arrays.equals(items, s.items);
        }
        return o instanceof List<?> && super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
