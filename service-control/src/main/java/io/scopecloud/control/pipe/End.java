package io.scopecloud.control.pipe;

import java.util.Locale;

/** The two ends of a pipe: the browser's terminal and the probe's process. */
public enum End {
    UI,
    PROBE;

    public End other() {
        return this == UI ? PROBE : UI;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static End fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
