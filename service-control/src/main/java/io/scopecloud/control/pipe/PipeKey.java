package io.scopecloud.control.pipe;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/** A pipe within its org: the probe picks pipe ids, so they are only unique per org. */
public record PipeKey(UUID orgId, String pipeId) {
    public PipeKey {
        requireNonNull(orgId, "orgId is null");
        requireNonNull(pipeId, "pipeId is null");
    }
}
