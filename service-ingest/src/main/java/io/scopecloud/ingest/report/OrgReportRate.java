package io.scopecloud.ingest.report;

import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A per-org quota on reports ({@code ingest.maxReportsPerOrgPerMinute}): a minute's worth per org, refilled
 * continuously, so that one org posting far more than its probes would (a Scope probe sends one report every 3 s)
 * cannot take the intake's memory and Kafka from the others. Over it, 429 with {@code Retry-After} and a message,
 * before the body is read.
 */
public final class OrgReportRate {
    private final PerMinuteBuckets buckets;

    public OrgReportRate(long perMinute, LongSupplier nanoTime) {
        this.buckets = new PerMinuteBuckets(perMinute, nanoTime);
    }

    /** Takes one report from the org's quota, or throws 429. */
    public void take(UUID org) {
        long waitSeconds = buckets.take(org, 1);
        if (waitSeconds > 0) {
            throw Quotas.tooMany(
                    "your organisation sent more than " + buckets.perMinute() + " reports in a minute"
                            + " (ingest.maxReportsPerOrgPerMinute); retry in " + waitSeconds + " s",
                    waitSeconds);
        }
    }
}
