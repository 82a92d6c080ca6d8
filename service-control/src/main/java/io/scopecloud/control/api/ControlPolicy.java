package io.scopecloud.control.api;

import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.Outcome;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.Role;
import java.util.Set;

/**
 * Who may run which control. Viewers only read: a pod's logs and an object's description
 * (Kubernetes). Shells into a host or a container, attaching to a container's terminal, cordoning
 * a Kubernetes node and creating, cloning or deleting volume snapshots need an admin (as in Weave
 * Cloud's permission table); every other control, plugin controls included, needs a member.
 */
public final class ControlPolicy {
    static final Set<String> VIEWER_READS = Set.of("kubernetes_get_logs", "kubernetes_describe");
    static final Set<String> ADMIN_ONLY = Set.of(
            "host_exec",
            "docker_exec_container",
            "docker_attach_container",
            "kubernetes_cordon_node",
            "kubernetes_uncordon_node",
            "kubernetes_create_volume_snapshot",
            "kubernetes_clone_volume_snapshot",
            "kubernetes_delete_volume_snapshot");

    public Role requiredRole(String control) {
        if (VIEWER_READS.contains(control)) {
            return Role.VIEWER;
        }
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
