package io.scopecloud.probe.publish;

import io.scopecloud.report.Report;

/** Sends reports to the service. Never blocks the caller for network I/O. */
public interface ReportPublisher {
    /**
     * Queues a report. A shortcut report is dropped when the queue is full; a normal one evicts the
     * oldest queued report (scope-contract §2).
     */
    void publish(Report report, boolean shortcut);

    /**
     * How many reports were not delivered so far (failed sends, reports dropped from the queue): a
     * probe sending deltas sends a full report again after one (scope-contract §1.5).
     */
    default long undelivered() {
        return 0;
    }
}
