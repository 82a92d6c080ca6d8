package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * What a read that can use a snapshot only with its answer ready found ({@link OrgWindows#recentSnapshot}): the
 * snapshot to answer from, or none and why; counted per read, so that the reads that still compute their answer can be
 * told apart by cause.
 */
public record RecentSnapshot(@Nullable OrgSnapshot snapshot, Found found) {
    public enum Found {
        /** The newest snapshot, its answer ready. */
        NEWEST,
        /** The one before the newest, whose answer was not ready yet. */
        BEFORE,
        /** Nothing merged: the org's first look, or the first after nobody looked for a window. */
        NOTHING,
        /** A shortcut report (a control's effect) waits to be merged. */
        SHORTCUT_WAITS,
        /** The newest snapshot has lacked a report, or held one that left the window, for longer than asked. */
        TOO_OLD,
        /** The newest is recent enough but its answer not ready; the one before is let go, too old or not ready either. */
        NOT_READY;

        /** As a meter's tag value. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public RecentSnapshot {
        requireNonNull(found, "found is null");
        if ((snapshot != null) != (found == Found.NEWEST || found == Found.BEFORE)) {
            throw new IllegalArgumentException("a snapshot is found exactly when it is the newest or the one before");
        }
    }

    static RecentSnapshot none(Found why) {
        return new RecentSnapshot(null, why);
    }
}
