package io.scopecloud.probe;

import io.scopecloud.report.Report;

/**
 * One contributor to the probe's report (host, processes, endpoints, plugins); Scope calls these
 * reporters. Called once per spy tick from the spy loop.
 */
public interface ReportSource {
    /** A short name for logs. */
    String name();

    /** This source's part of the report, untagged. */
    Report report() throws Exception;
}
