package io.scopecloud.report.id;

import static java.util.Objects.requireNonNull;

/** The parts of a process node ID {@code <hostID>;<pid>}. */
public record ProcessId(String hostId, int pid) {
    public ProcessId {
        requireNonNull(hostId, "hostId is null");
    }

    @Override
    public String toString() {
        return NodeIds.makeProcessId(hostId, pid);
    }
}
