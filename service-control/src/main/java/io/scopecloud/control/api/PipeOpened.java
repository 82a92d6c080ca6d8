package io.scopecloud.control.api;

import io.scopecloud.tenancy.access.Role;
import java.util.UUID;

/** Told when a control answered with a pipe, and the role its UI end needs from then on. */
@FunctionalInterface
public interface PipeOpened {
    void opened(UUID orgId, String pipeId, Role uiRole);
}
