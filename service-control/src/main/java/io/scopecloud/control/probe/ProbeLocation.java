package io.scopecloud.control.probe;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** Where a probe's live control connection is: which instance, at which URL, which connection. */
public record ProbeLocation(String instanceId, String instanceUrl, UUID connectionId) {
    public ProbeLocation {
        requireNonNull(instanceId, "instanceId is null");
        requireNonNull(instanceUrl, "instanceUrl is null");
        requireNonNull(connectionId, "connectionId is null");
    }
}
