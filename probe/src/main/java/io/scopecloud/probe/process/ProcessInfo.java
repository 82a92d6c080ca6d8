package io.scopecloud.probe.process;

import static java.util.Objects.requireNonNull;

/**
 * One process as read from /proc, in plain values.
 *
 * @param rssLimitBytes the RSS soft limit (Scope's maximum for the memory metric)
 * @param openFilesLimit soft limit on open files; -1 means unlimited (2^64-1)
 */
public record ProcessInfo(
        int pid,
        int ppid,
        String name,
        String cmdline,
        int threads,
        long jiffies,
        long rssBytes,
        double rssLimitBytes,
        int openFiles,
        long openFilesLimit) {

    public ProcessInfo {
        requireNonNull(name, "name is null");
        requireNonNull(cmdline, "cmdline is null");
    }
}
