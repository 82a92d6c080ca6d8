package io.scopecloud.report;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable map from string to value kept as two parallel arrays sorted by key (Go byte order).
 *
 * <p>Node-level maps (latest, sets, metrics, parents) are small, so sorted arrays are more compact than hash maps,
 * iterate in a stable order (Go sorts {@code latest} too) and merge in one linear pass. Merging returns an input
 * unchanged when the other side adds nothing, which lets merged reports share untouched structure.
 *
 * @param <V> value type
 */
final class SortedArrayMap<V> extends AbstractMap<String, V> {
    private static final SortedArrayMap<?> EMPTY = new SortedArrayMap<>(new String[0], new Object[0]);

    /** Combines two values of the same key; must return one of its arguments when nothing changes. */
    @FunctionalInterface
    interface Combiner<V> {
        V combine(String key, V mine, V theirs);
    }

    private final String[] keys;
    private final Object[] values;

    private SortedArrayMap(String[] keys, Object[] values) {
        this.keys = keys;
        this.values = values;
    }

    @SuppressWarnings("unchecked")
    static <V> SortedArrayMap<V> empty() {
        return (SortedArrayMap<V>) EMPTY;
    }

    /**
     * Takes ownership of the first {@code n} entries of the arrays, sorts them by key if needed and resolves
     * duplicate keys with {@code onDuplicate} (in input order).
     */
    static <V> SortedArrayMap<V> adopt(String[] keys, Object[] values, int n, Combiner<V> onDuplicate) {
        if (n == 0) {
            return empty();
        }
        boolean sorted = true;
        for (int i = 1; i < n; i++) {
            if (Utf8Order.compare(keys[i - 1], keys[i]) >= 0) {
                sorted = false;
                break;
            }
        }
        if (sorted) {
            return new SortedArrayMap<>(
                    SharedKeys.share(keys, n), n == values.length ? values : Arrays.copyOf(values, n));
        }
        int[] order = sortedOrder(keys, n);
        String[] k = new String[n];
        Object[] v = new Object[n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            int at = order[i];
            if (w > 0 && k[w - 1].equals(keys[at])) {
                @SuppressWarnings("unchecked")
                V mine = (V) v[w - 1];
                @SuppressWarnings("unchecked")
                V theirs = (V) values[at];
                v[w - 1] = onDuplicate.combine(k[w - 1], mine, theirs);
            } else {
                k[w] = keys[at];
                v[w] = values[at];
                w++;
            }
        }
        return new SortedArrayMap<>(SharedKeys.share(k, w), w == n ? v : Arrays.copyOf(v, w));
    }

    /**
     * Lets maps with the same keys share one key array: the nodes of a report mostly have the same latest, metric
     * and parent keys. Merging a window compares the keys of every version of every node; shared arrays make that
     * an identity check on arrays that stay in the cache, instead of a load from memory per map. One small table
     * per thread, so nothing is published between threads.
     */
    private static final class SharedKeys {
        private static final int SIZE = 64;
        private static final int MAX_KEYS = 16;
        private static final ThreadLocal<String[][]> RECENT = ThreadLocal.withInitial(() -> new String[SIZE][]);

        private SharedKeys() {}

        /** {@code keys[0..n)} as an array of exactly {@code n}: a recently seen equal one, or a trimmed copy. */
        static String[] share(String[] keys, int n) {
            if (n > MAX_KEYS) {
                return n == keys.length ? keys : Arrays.copyOf(keys, n);
            }
            String[][] recent = RECENT.get();
            int h = n * 31 + keys[0].hashCode();
            h = h * 31 + keys[n - 1].hashCode();
            int slot = (h * 0x9E3779B9) >>> 26;
            String[] cached = recent[slot];
            if (cached != null && Arrays.equals(cached, 0, cached.length, keys, 0, n)) {
                return cached;
            }
            String[] own = n == keys.length ? keys : Arrays.copyOf(keys, n);
            recent[slot] = own;
            return own;
        }
    }

    /** The indexes of {@code keys[0..n)} in key order, equal keys in input order (a stable sort). */
    private static int[] sortedOrder(String[] keys, int n) {
        int[] order = new int[n];
        if (n <= 16) {
            // Insertion sort: small maps (a node's metrics arrive in Go's random map order) are the common case.
            for (int i = 0; i < n; i++) {
                int j = i - 1;
                while (j >= 0 && Utf8Order.compare(keys[order[j]], keys[i]) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = i;
            }
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        // Stable, so that "later wins" style combiners of duplicate keys behave predictably.
        Arrays.sort(boxed, (x, y) -> Utf8Order.compare(keys[x], keys[y]));
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        return order;
    }

    /** Copies any map; keys and values must not be null. */
    static <V> SortedArrayMap<V> copyOf(Map<String, ? extends V> map) {
        if (map instanceof SortedArrayMap<?> s) {
            @SuppressWarnings("unchecked")
            SortedArrayMap<V> same = (SortedArrayMap<V>) s;
            return same;
        }
        int n = map.size();
        String[] k = new String[n];
        Object[] v = new Object[n];
        int i = 0;
        for (Map.Entry<String, ? extends V> e : map.entrySet()) {
            k[i] = java.util.Objects.requireNonNull(e.getKey(), "key is null");
            v[i] = java.util.Objects.requireNonNull(e.getValue(), "value is null");
            i++;
        }
        return adopt(k, v, i, (key, a, b) -> b);
    }

    int indexOfKey(String key) {
        return Arrays.binarySearch(keys, key, Utf8Order.COMPARATOR);
    }

    String keyAt(int i) {
        return keys[i];
    }

    @SuppressWarnings("unchecked")
    V valueAt(int i) {
        return (V) values[i];
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String s && indexOfKey(s) >= 0;
    }

    @Override
    public V get(Object key) {
        if (!(key instanceof String s)) {
            return null;
        }
        int at = indexOfKey(s);
        return at >= 0 ? valueAt(at) : null;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super V> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], valueAt(i));
        }
    }

    /** A copy with {@code key} set to {@code value}. */
    SortedArrayMap<V> with(String key, V value) {
        int at = indexOfKey(key);
        if (at >= 0) {
            if (values[at] == value) {
                return this;
            }
            Object[] v = values.clone();
            v[at] = value;
            return new SortedArrayMap<>(keys, v);
        }
        int ins = -at - 1;
        String[] k = new String[keys.length + 1];
        Object[] v = new Object[keys.length + 1];
        System.arraycopy(keys, 0, k, 0, ins);
        System.arraycopy(values, 0, v, 0, ins);
        k[ins] = key;
        v[ins] = value;
        System.arraycopy(keys, ins, k, ins + 1, keys.length - ins);
        System.arraycopy(values, ins, v, ins + 1, keys.length - ins);
        return new SortedArrayMap<>(k, v);
    }

    /** A copy without {@code key}. */
    SortedArrayMap<V> without(String key) {
        int at = indexOfKey(key);
        if (at < 0) {
            return this;
        }
        if (keys.length == 1) {
            return empty();
        }
        String[] k = new String[keys.length - 1];
        Object[] v = new Object[keys.length - 1];
        System.arraycopy(keys, 0, k, 0, at);
        System.arraycopy(values, 0, v, 0, at);
        System.arraycopy(keys, at + 1, k, at, keys.length - at - 1);
        System.arraycopy(values, at + 1, v, at, keys.length - at - 1);
        return new SortedArrayMap<>(k, v);
    }

    /**
     * The union of both maps; keys on both sides go through {@code combiner}. Returns {@code this} (or {@code other})
     * itself when the result would equal it entry by entry (by reference).
     */
    @SuppressWarnings("ReferenceEquality") // identity on purpose: a map merged with itself is itself
    SortedArrayMap<V> merge(SortedArrayMap<V> other, Combiner<V> combiner) {
        if (other == this) {
            return this; // every combiner keeps a value merged with itself
        }
        if (other.keys.length == 0) {
            return this;
        }
        if (keys.length == 0) {
            return other;
        }
        String[] ak = keys;
        String[] bk = other.keys;
        if (Arrays.equals(ak, bk)) {
            return mergeSameKeys(other, combiner);
        }
        String[] k = new String[ak.length + bk.length];
        Object[] v = new Object[ak.length + bk.length];
        int i = 0;
        int j = 0;
        int n = 0;
        boolean sameAsThis = true;
        boolean sameAsOther = true;
        while (i < ak.length && j < bk.length) {
            int c = Utf8Order.compare(ak[i], bk[j]);
            if (c < 0) {
                k[n] = ak[i];
                v[n++] = values[i++];
                sameAsOther = false;
            } else if (c > 0) {
                k[n] = bk[j];
                v[n++] = other.values[j++];
                sameAsThis = false;
            } else {
                @SuppressWarnings("unchecked")
                V mine = (V) values[i];
                @SuppressWarnings("unchecked")
                V theirs = (V) other.values[j];
                V merged = mine == theirs ? mine : combiner.combine(ak[i], mine, theirs);
                sameAsThis &= merged == mine;
                sameAsOther &= merged == theirs;
                k[n] = ak[i];
                v[n++] = merged;
                i++;
                j++;
            }
        }
        sameAsOther &= i == ak.length;
        sameAsThis &= j == bk.length;
        if (sameAsThis) {
            return this;
        }
        if (sameAsOther) {
            return other;
        }
        while (i < ak.length) {
            k[n] = ak[i];
            v[n++] = values[i++];
        }
        while (j < bk.length) {
            k[n] = bk[j];
            v[n++] = other.values[j++];
        }
        return new SortedArrayMap<>(n == k.length ? k : Arrays.copyOf(k, n), n == v.length ? v : Arrays.copyOf(v, n));
    }

    /** Combines the values of one key from several maps; {@code values[0..n)} in input order. */
    @FunctionalInterface
    interface ManyCombiner<V> {
        V combine(String key, Object[] values, int n);
    }

    /**
     * Merges several maps at once. When they all have the same keys (versions of one node from successive
     * reports), each key's values are combined in one step, which avoids the intermediate results of a pairwise
     * fold; otherwise falls back to folding {@link #merge}.
     */
    @SuppressWarnings("unchecked")
    static <V> SortedArrayMap<V> mergeAll(SortedArrayMap<?>[] maps, ManyCombiner<V> many, Combiner<V> pairwise) {
        SortedArrayMap<V> first = (SortedArrayMap<V>) maps[0];
        int count = maps.length;
        boolean sameKeys = true;
        for (int m = 1; m < count && sameKeys; m++) {
            String[] keys = maps[m].keys;
            sameKeys = keys == first.keys || Arrays.equals(first.keys, keys);
        }
        if (!sameKeys) {
            SortedArrayMap<V> acc = first;
            for (int m = 1; m < count; m++) {
                acc = acc.merge((SortedArrayMap<V>) maps[m], pairwise);
            }
            return acc;
        }
        int size = first.keys.length;
        if (size == 0) {
            return first;
        }
        SortedArrayMap<V> last = (SortedArrayMap<V>) maps[count - 1];
        Object[] buf = new Object[count];
        Object[] v = null; // only once a value differs from the last map's: the newest version often wins them all
        for (int i = 0; i < size; i++) {
            for (int m = 0; m < count; m++) {
                buf[m] = maps[m].values[i];
            }
            Object merged = many.combine(first.keys[i], buf, count);
            if (v == null && merged != last.values[i]) {
                v = new Object[size];
                System.arraycopy(last.values, 0, v, 0, i);
            }
            if (v != null) {
                v[i] = merged;
            }
        }
        return v == null ? last : new SortedArrayMap<>(first.keys, v);
    }

    /** The common case of merging two versions of one node: same keys, only values to combine. */
    private SortedArrayMap<V> mergeSameKeys(SortedArrayMap<V> other, Combiner<V> combiner) {
        Object[] v = null;
        boolean sameAsOther = true;
        for (int i = 0; i < keys.length; i++) {
            @SuppressWarnings("unchecked")
            V mine = (V) values[i];
            @SuppressWarnings("unchecked")
            V theirs = (V) other.values[i];
            V merged = mine == theirs ? mine : combiner.combine(keys[i], mine, theirs);
            sameAsOther &= merged == theirs;
            if (merged != mine && v == null) {
                v = Arrays.copyOf(values, values.length);
            }
            if (v != null) {
                v[i] = merged;
            }
        }
        if (v == null) {
            return this;
        }
        return sameAsOther ? other : new SortedArrayMap<>(keys, v);
    }

    /**
     * Accumulates entries and sorts once at {@link #build()}: adding n keys costs O(n log n), never O(n²), however
     * many keys a hostile body puts in one map.
     */
    static final class Builder<V> {
        private final Combiner<V> onDuplicate;
        private SortedArrayMap<V> base = empty();
        private static final String[] NO_KEYS = new String[0];
        private static final Object[] NO_VALUES = new Object[0];
        private static final int MAX_EXPECTED = 1024;

        private String[] keys = NO_KEYS;
        private Object[] values = NO_VALUES;
        private int n;

        /** {@code onDuplicate} combines an earlier value (first) with a later one for the same key. */
        Builder(Combiner<V> onDuplicate) {
            this.onDuplicate = onDuplicate;
        }

        Builder<V> from(SortedArrayMap<V> map) {
            base = map;
            n = 0;
            return this;
        }

        Builder<V> put(String key, V value) {
            java.util.Objects.requireNonNull(key, "key is null");
            java.util.Objects.requireNonNull(value, "value is null");
            if (n == keys.length) {
                int size = Math.max(8, n * 2);
                keys = Arrays.copyOf(keys, size);
                values = Arrays.copyOf(values, size);
            }
            keys[n] = key;
            values[n++] = value;
            return this;
        }

        /**
         * Room for {@code count} more entries, as a decoder that has read a map's size knows: a map built from exactly
         * that many takes the arrays as they are, where growing them by doubling left a copy and a trimmed copy behind.
         * At most {@link #MAX_EXPECTED} at once: more grow as puts come.
         */
        Builder<V> expect(int count) {
            int room = n + Math.min(count, MAX_EXPECTED);
            if (room > keys.length) {
                keys = Arrays.copyOf(keys, room);
                values = Arrays.copyOf(values, room);
            }
            return this;
        }

        Builder<V> clear() {
            base = empty();
            n = 0;
            return this;
        }

        boolean isEmpty() {
            return n == 0 && base.isEmpty();
        }

        SortedArrayMap<V> build() {
            if (n > 0) {
                // The map takes over the arrays (adopt trims them), so the next put must start new ones.
                SortedArrayMap<V> added = adopt(keys, values, n, onDuplicate);
                keys = NO_KEYS;
                values = NO_VALUES;
                base = base.merge(added, onDuplicate);
                n = 0;
            }
            return base;
        }
    }

    @Override
    public Set<Map.Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Map.Entry<String, V> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int at = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(keys[at], valueAt(at));
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SortedArrayMap<?> s) {
            return Arrays.equals(keys, s.keys) && Arrays.equals(values, s.values);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < keys.length; i++) {
            h += keys[i].hashCode() ^ values[i].hashCode();
        }
        return h;
    }
}
