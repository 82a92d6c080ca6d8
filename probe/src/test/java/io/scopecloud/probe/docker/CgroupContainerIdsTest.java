package io.scopecloud.probe.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CgroupContainerIdsTest {
    private static final String ID = "c81a9be6347eb2b8a123f66b4da5f376f9231bca9713b3786b58049a82747a1c";

    @ParameterizedTest
    @CsvSource({
        "/libpod_parent/libpod-" + ID + ", " + ID,
        "/machine.slice/libpod-" + ID + ".scope, " + ID,
        "/machine.slice/libpod-" + ID + ".scope/container, " + ID,
        "/docker/" + ID + ", " + ID,
        "/system.slice/docker-" + ID + ".scope, " + ID,
        "/kubepods/burstable/pod1234/" + ID + ", " + ID,
        "/kubepods.slice/kubepods-pod1.slice/cri-containerd-" + ID + ".scope, " + ID,
    })
    void findsTheContainerInEveryEnginesCgroupNames(String path, String expected) {
        assertThat(CgroupContainerIds.fromPath(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "/",
        "/user.slice/user-0.slice/session-3.scope",
        "/system.slice/docker.service",
        "/libpod_parent/conmon",
        "/machine.slice/libpod-conmon-" + ID + ".scope",
        "/docker/not-an-id",
        "/docker/C81A9BE6347EB2B8A123F66B4DA5F376F9231BCA9713B3786B58049A82747A1C",
    })
    void findsNoContainerElsewhere(String path) {
        assertThat(CgroupContainerIds.fromPath(path)).isNull();
    }

    @Test
    void readsPodmansHybridCgroupFile() {
        String file = "9:name=systemd:/libpod_parent/libpod-" + ID + "\n"
                + "8:pids:/libpod_parent/libpod-" + ID + "\n"
                + "1:cpu:/libpod_parent/libpod-" + ID + "\n"
                + "0::/libpod_parent/libpod-" + ID + "\n";
        assertThat(CgroupContainerIds.containerId(file)).isEqualTo(ID);
        assertThat(CgroupContainerIds.containerId("0::/init.scope\n")).isNull();
        assertThat(CgroupContainerIds.containerId("")).isNull();
    }
}
