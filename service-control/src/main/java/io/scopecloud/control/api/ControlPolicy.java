package io.scopecloud.control.api;

import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.Outcome;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import java.util.Set;

/**
 * Who may run which control. Viewers run none; shells into a host or a container, and attaching
 * to a container's terminal, need an admin (as in Weave Cloud's permission table); every other
 * control, plugin controls included, needs a member.
 */
public final class ControlPolicy {
    static final Set<String> ADMIN_ONLY = Set.of("host_exec", "docker_exec_container", "docker_attach_container");

    public Role requiredRole(String control) {
        return ADMIN_ONLY.contains(control) ? Role.ADMIN : Role.MEMBER;
    }

    /** Throws a {@link Outcome#DENIED} failure (403) unless the caller may run {@code control}. */
    public void check(OrgCaller caller, String control) {
        Role needed = requiredRole(control);
        if (!caller.role().atLeast(needed)) {
            throw new ControlFailure(
                    Outcome.DENIED,
                    "control " + control + " needs the " + needed.id() + " role in "
                            + caller.scope().externalId() + "; you are "
                            + caller.role().id());
        }
    }
}
