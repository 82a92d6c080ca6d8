package io.scopecloud.ingest.report;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A per-org share of the report posts an ingest instance works on at once ({@code ingest.maxReportsInProgressPerOrg}):
 * of the places {@link ReportAdmission} bounds, one org holds at most this many, from its token's check to its
 * answer. So one org's many posts, or its probes sending their bodies slowly, never take every place; its post over
 * the share gets 429 at once and frees its place.
 */
public final class OrgReportsInProgress {
    static final long RETRY_AFTER_SECONDS = 1;

    private final int max;
    private final Map<UUID, Integer> inProgress = new ConcurrentHashMap<>();

    public OrgReportsInProgress(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1: " + max);
        }
        this.max = max;
    }

    /**
     * Counts a post of the org as in progress until the returned action runs (once; later runs do nothing), or throws
     * 429 when the org already has its share in progress.
     */
    public Runnable enter(UUID org) {
        boolean[] admitted = {false};
        inProgress.compute(org, (k, n) -> {
            int now = n == null ? 0 : n;
            if (now >= max) {
                return n;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            throw Quotas.tooMany(
                    "your organisation already has " + max + " report posts in progress on this ingest instance"
                            + " (ingest.maxReportsInProgressPerOrg); send the next after Retry-After",
                    RETRY_AFTER_SECONDS);
        }
        AtomicBoolean left = new AtomicBoolean();
        return () -> {
            if (left.compareAndSet(false, true)) {
                inProgress.computeIfPresent(org, (k, n) -> n <= 1 ? null : n - 1);
            }
        };
    }

    /** How many posts of the org are in progress now. */
    int inProgress(UUID org) {
        return inProgress.getOrDefault(org, 0);
    }
}
