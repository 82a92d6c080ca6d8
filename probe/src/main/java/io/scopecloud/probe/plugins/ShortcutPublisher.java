package io.scopecloud.probe.plugins;

import io.scopecloud.report.Report;

/** Publishes a report at once instead of at the next publish tick (the probe, for plugin shortcut reports). */
@FunctionalInterface
public interface ShortcutPublisher {
    void publishShortcut(Report report);
}
