package io.scopecloud.ingest.report;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Small facts ingest reads from a report: which host and probe it describes. */
final class ReportFacts {
    private ReportFacts() {}

    static @Nullable String hostname(Report report) {
        return firstHost(report).flatMap(n -> n.latestValue("host_name")).orElse(null);
    }

    static Optional<String> controlProbeId(Report report) {
        return firstHost(report).flatMap(n -> n.latestValue("control_probe_id"));
    }

    private static Optional<Node> firstHost(Report report) {
        return report.topology(TopologyType.HOST).nodes().values().stream().findFirst();
    }
}
