package io.scopecloud.report.codec;

import java.util.Arrays;

/**
 * Where a decode is: the open maps and arrays and, in each, the current key or index. Kept as plain arrays because
 * it changes at every key and element; rendered as a JSON pointer ({@code /Host/nodes/h;<host>/latest}) only for an
 * error message.
 */
final class DecodePath {
    private boolean[] isMap = new boolean[16];
    private String[] keys = new String[16];
    private int[] indices = new int[16];
    private int depth; // open containers; 0 at the root value

    int depth() {
        return depth;
    }

    void pushMap() {
        push(true);
        keys[depth] = null;
    }

    void pushArray() {
        push(false);
        indices[depth] = -1;
    }

    private void push(boolean map) {
        depth++;
        if (depth == isMap.length) {
            isMap = Arrays.copyOf(isMap, depth * 2);
            keys = Arrays.copyOf(keys, depth * 2);
            indices = Arrays.copyOf(indices, depth * 2);
        }
        isMap[depth] = map;
    }

    void pop() {
        depth--;
    }

    /** Whether the innermost map has had no key yet. */
    boolean beforeFirstKey() {
        return keys[depth] == null;
    }

    void key(String key) {
        keys[depth] = key;
    }

    /** Whether the innermost array has had no element yet. */
    boolean beforeFirstElement() {
        return indices[depth] < 0;
    }

    void nextIndex() {
        indices[depth]++;
    }

    /** A JSON pointer (RFC 6901) to the current value; {@code /} at the root. */
    String pointer() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= depth; i++) {
            if (!isMap[i]) {
                if (indices[i] >= 0) {
                    sb.append('/').append(indices[i]);
                }
            } else if (keys[i] != null) {
                sb.append('/').append(keys[i].replace("~", "~0").replace("/", "~1"));
            }
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }
}
