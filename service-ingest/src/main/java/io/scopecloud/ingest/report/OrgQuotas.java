package io.scopecloud.ingest.report;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * The per-org quotas on {@code POST /api/report} (docs/SECURITY.md, "Fairness between orgs"): the report rate before
 * the body is read, then the probes reporting and the nodes carried once it is decoded. Each refusal is a 429 with
 * {@code Retry-After} and says which quota, so one org's excess never costs another org its share.
 */
public record OrgQuotas(OrgReportRate reports, OrgProbes probes, OrgNodeRate nodes, OrgReportsInProgress inProgress) {
    public OrgQuotas {
        requireNonNull(reports, "reports is null");
        requireNonNull(probes, "probes is null");
        requireNonNull(nodes, "nodes is null");
        requireNonNull(inProgress, "inProgress is null");
    }

    /** Counts the post as in progress until the returned action runs; 429 over the org's share. */
    Runnable enter(UUID org) {
        return inProgress.enter(org);
    }

    void beforeBody(UUID org) {
        reports.take(org);
    }

    void afterDecode(UUID org, String probeId, int nodeCount) {
        probes.admit(org, probeId);
        nodes.take(org, nodeCount);
    }
}
