package io.scopecloud.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One value of a node's {@code latest} map and when it was observed; on merge the newer one wins. */
public record LatestEntry(Instant timestamp, String value) {
    public LatestEntry {
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(value, "value is null");
    }

    /**
     * The newer entry. Go keeps either one on equal timestamps; we keep the greater value so that merging is
     * commutative.
     */
    @SuppressWarnings("ReferenceEquality") // identity fast paths: the same entry, the same shared Instant
    LatestEntry newer(LatestEntry other) {
        if (other == this) {
            return this;
        }
        int c = timestamp == other.timestamp ? 0 : timestamp.compareTo(other.timestamp);
        if (c == 0) {
            // Equal values are common (one node's versions from several probes at one time): String.equals is an
            // intrinsic, and either side will do.
            c = value.equals(other.value) ? 0 : Utf8Order.compare(value, other.value);
        }
        return c >= 0 ? this : other;
    }
}
