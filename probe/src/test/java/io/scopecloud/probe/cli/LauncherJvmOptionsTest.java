package io.scopecloud.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.kubernetes.KubernetesOptions;
import org.junit.jupiter.api.Test;

class LauncherJvmOptionsTest {
    @Test
    void aProbeWithoutKubernetesKeepsTheSmallHeap() {
        assertThat(Launcher.jvmOptions(KubernetesOptions.disabled())).isEqualTo(Launcher.JVM_OPTIONS);
    }

    @Test
    void aProbeThatWatchesTheApiServerGetsTheClusterDeploymentsHeap() {
        assertThat(Launcher.jvmOptions(KubernetesOptions.cluster("https://api")))
                .contains("-Xmx192m")
                .doesNotContain("-Xmx64m")
                .hasSameSizeAs(Launcher.JVM_OPTIONS)
                .containsAll(Launcher.JVM_OPTIONS.stream()
                        .filter(o -> !o.startsWith("-Xmx"))
                        .toList());
    }
}
