package io.scopecloud.ingest.report;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A per-org quota on the nodes its reports carry ({@code ingest.maxNodesPerOrgPerMinute}), counted over all
 * topologies. The report rate alone does not bound what an org costs: one probe posting 190,000-node reports
 * stays under any sensible report rate while the query holds every one of them for its window. Over it, 429 with
 * {@code Retry-After}; a single report bigger than a whole minute's worth is 413, since retrying cannot help.
 */
public final class OrgNodeRate {
    private final PerMinuteBuckets buckets;

    public OrgNodeRate(long perMinute, LongSupplier nanoTime) {
        this.buckets = new PerMinuteBuckets(perMinute, nanoTime);
    }

    /** Takes the report's nodes from the org's quota, or throws 413 or 429. */
    public void take(UUID org, int nodes) {
        long perMinute = buckets.perMinute();
        if (nodes > perMinute) {
            throw new WebApplicationException(
                    "this report has " + nodes + " nodes, more than your organisation may send in a minute ("
                            + perMinute + ", ingest.maxNodesPerOrgPerMinute); report fewer nodes per probe",
                    Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        long waitSeconds = buckets.take(org, nodes);
        if (waitSeconds > 0) {
            throw Quotas.tooMany(
                    "your organisation's reports carried more than " + perMinute + " nodes in a minute"
                            + " (ingest.maxNodesPerOrgPerMinute); retry in " + waitSeconds + " s",
                    waitSeconds);
        }
    }
}
