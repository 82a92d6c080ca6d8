package io.scopecloud.control.probe;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A probe within its org: probe ids are chosen by probes, so they are only unique per org. */
public record ProbeKey(UUID orgId, String probeId) {
    public ProbeKey {
        requireNonNull(orgId, "orgId is null");
        requireNonNull(probeId, "probeId is null");
    }
}
