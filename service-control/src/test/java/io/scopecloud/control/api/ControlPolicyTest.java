package io.scopecloud.control.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scopecloud.control.rpc.ControlFailure;
import io.scopecloud.control.rpc.Outcome;
import io.scopecloud.tenancy.access.OrgCaller;
import io.scopecloud.tenancy.access.OrgScope;
import io.scopecloud.tenancy.access.Role;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ControlPolicyTest {
    private static final List<String> SHELLS = List.of(
            "host_exec",
            "docker_exec_container",
            "docker_attach_container",
            "kubernetes_cordon_node",
            "kubernetes_uncordon_node",
            "kubernetes_create_volume_snapshot",
            "kubernetes_clone_volume_snapshot",
            "kubernetes_delete_volume_snapshot");
    private static final List<String> ORDINARY = List.of(
            "docker_stop_container",
            "docker_restart_container",
            "kubernetes_delete_pod",
            "kubernetes_scale_up",
            "kubernetes_scale_down",
            "host_resize_exec_tty",
            "iowait~switchToIOWait");
    private static final List<String> READS = List.of("kubernetes_get_logs", "kubernetes_describe");

    private final ControlPolicy policy = new ControlPolicy();

    @Test
    void viewersMayRunNoControlAtAll() {
        for (String control : concat()) {
            assertThatThrownBy(() -> policy.check(caller(Role.VIEWER), control))
                    .isInstanceOfSatisfying(ControlFailure.class, f -> {
                        org.assertj.core.api.Assertions.assertThat(f.outcome()).isEqualTo(Outcome.DENIED);
                        org.assertj.core.api.Assertions.assertThat(
                                        f.getResponse().getStatus())
                                .isEqualTo(403);
                    });
        }
    }

    @Test
    void viewersReadLogsAndDescriptions() {
        for (Role role : List.of(Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER)) {
            for (String control : READS) {
                assertThatCode(() -> policy.check(caller(role), control)).doesNotThrowAnyException();
            }
        }
    }

    @Test
    void membersRunOrdinaryAndPluginControlsButNoShells() {
        for (String control : ORDINARY) {
            assertThatCode(() -> policy.check(caller(Role.MEMBER), control)).doesNotThrowAnyException();
        }
        for (String control : SHELLS) {
            assertThatThrownBy(() -> policy.check(caller(Role.MEMBER), control))
                    .isInstanceOf(ControlFailure.class)
                    .hasMessageContaining("needs the admin role");
        }
    }

    @Test
    void adminsAndOwnersRunEverything() {
        for (Role role : List.of(Role.ADMIN, Role.OWNER)) {
            for (String control : concat()) {
                assertThatCode(() -> policy.check(caller(role), control)).doesNotThrowAnyException();
            }
        }
    }

    private static List<String> concat() {
        return java.util.stream.Stream.concat(SHELLS.stream(), ORDINARY.stream())
                .toList();
    }

    private static OrgCaller caller(Role role) {
        return new OrgCaller(new OrgScope(UUID.randomUUID(), "acme-1234"), role, UUID.randomUUID(), "user:x");
    }
}
