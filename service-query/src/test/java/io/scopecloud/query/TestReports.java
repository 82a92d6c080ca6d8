package io.scopecloud.query;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.time.Instant;

/** Small reports built in code, for tests where what a report holds matters less than that it arrives. */
public final class TestReports {
    private TestReports() {}

    /** A probe's report of one host, {@code hostname}, taken at {@code at}. */
    public static Report oneHost(String hostname, Instant at) {
        return Report.builder()
                .ts(at)
                .id(Report.randomId())
                .node(
                        TopologyType.HOST,
                        Node.builder(hostname + ";<host>", "host")
                                .latest("host_name", at, hostname)
                                .build())
                .build();
    }
}
