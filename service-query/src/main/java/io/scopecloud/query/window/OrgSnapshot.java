package io.scopecloud.query.window;

import static java.util.Objects.requireNonNull;

import io.scopecloud.query.render.RenderContext;
import io.scopecloud.report.Report;
import java.time.Instant;

/**
 * One org's merged view at one moment, and the memo of everything rendered from it: viewers of
 * the same version share every render.
 */
public record OrgSnapshot(long version, Instant mergedAt, RenderContext context) {
    public static OrgSnapshot empty(Instant now) {
        return new OrgSnapshot(0, now, new RenderContext(Report.empty(), now));
    }

    public OrgSnapshot {
        requireNonNull(mergedAt, "mergedAt is null");
        requireNonNull(context, "context is null");
    }

    public Report report() {
        return context.report();
    }
}
