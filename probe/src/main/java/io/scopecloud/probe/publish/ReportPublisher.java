package io.scopecloud.probe.publish;

import io.scopecloud.report.Report;

/** Sends reports to the service. Never blocks the caller for network I/O. */
public interface ReportPublisher {
    /**
     * Queues a report. A shortcut report is dropped when the queue is full; a normal one evicts the
     * oldest queued report (scope-contract §2).
     */
    void publish(Report report, boolean shortcut);
}
