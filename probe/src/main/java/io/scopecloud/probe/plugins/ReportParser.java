package io.scopecloud.probe.plugins;

import io.scopecloud.report.Report;

/** Decodes a plugin's JSON report body (the report module's decoder in production). */
@FunctionalInterface
public interface ReportParser {
    Report parse(byte[] json) throws Exception;
}
