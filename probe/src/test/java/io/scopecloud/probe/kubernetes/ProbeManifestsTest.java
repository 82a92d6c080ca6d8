package io.scopecloud.probe.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The probe's manifests parse with fabric8's model, run the two roles as ADR 0017 says, take the
 * token from a Secret, and grant exactly what the probe lists, watches and changes (the ITs check
 * each request the probe makes against the same rules).
 */
class ProbeManifestsTest {
    /** What the probe's informers, "Describe" and controls ask of the API server. */
    static final Set<String> USED = new TreeSet<>(Set.of(
            "/pods:get",
            "/pods:list",
            "/pods:watch",
            "/pods:delete",
            "/pods/log:get",
            "/services:get",
            "/services:list",
            "/services:watch",
            "/namespaces:get",
            "/namespaces:list",
            "/namespaces:watch",
            "/nodes:get",
            "/nodes:list",
            "/nodes:watch",
            "/nodes:patch",
            "/persistentvolumes:get",
            "/persistentvolumes:list",
            "/persistentvolumes:watch",
            "/persistentvolumeclaims:get",
            "/persistentvolumeclaims:list",
            "/persistentvolumeclaims:watch",
            "/persistentvolumeclaims:create",
            "apps/deployments:get",
            "apps/deployments:list",
            "apps/deployments:watch",
            "apps/deployments/scale:get",
            "apps/deployments/scale:update",
            "apps/daemonsets:get",
            "apps/daemonsets:list",
            "apps/daemonsets:watch",
            "apps/statefulsets:get",
            "apps/statefulsets:list",
            "apps/statefulsets:watch",
            "batch/cronjobs:get",
            "batch/cronjobs:list",
            "batch/cronjobs:watch",
            "batch/jobs:get",
            "batch/jobs:list",
            "batch/jobs:watch",
            "storage.k8s.io/storageclasses:get",
            "storage.k8s.io/storageclasses:list",
            "storage.k8s.io/storageclasses:watch",
            "volumesnapshot.external-storage.k8s.io/volumesnapshots:get",
            "volumesnapshot.external-storage.k8s.io/volumesnapshots:list",
            "volumesnapshot.external-storage.k8s.io/volumesnapshots:watch",
            "volumesnapshot.external-storage.k8s.io/volumesnapshots:create",
            "volumesnapshot.external-storage.k8s.io/volumesnapshots:delete",
            "volumesnapshot.external-storage.k8s.io/volumesnapshotdatas:get",
            "volumesnapshot.external-storage.k8s.io/volumesnapshotdatas:list",
            "volumesnapshot.external-storage.k8s.io/volumesnapshotdatas:watch"));

    @Test
    void theClusterRoleGrantsExactlyWhatTheProbeUses() {
        assertThat(ProbeManifests.grants()).isEqualTo(USED);
        ClusterRoleBinding binding = ProbeManifests.only("rbac.yaml", ClusterRoleBinding.class);
        assertThat(binding.getRoleRef().getName()).isEqualTo("scope-cloud-probe");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName())
                    .isEqualTo(ProbeManifests.only("rbac.yaml", ServiceAccount.class)
                            .getMetadata()
                            .getName());
        });
    }

    @Test
    void theDaemonSetIsTheHostRoleWithTheHostsPidNetworkProcAndRuntimeSocket() {
        DaemonSet daemonSet = ProbeManifests.only("daemonset.yaml", DaemonSet.class);
        PodSpec pod = daemonSet.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostPID()).isTrue();
        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getAutomountServiceAccountToken())
                .as("the host role never asks the API")
                .isFalse();
        Container probe = pod.getContainers().get(0);
        assertThat(probe.getArgs())
                .contains("--probe.kubernetes=true", "--probe.kubernetes.role=host", "--probe.proc.root=/host/proc");
        assertThat(pod.getVolumes().stream()
                        .map(Volume::getHostPath)
                        .filter(h -> h != null)
                        .map(h -> h.getPath()))
                .contains("/proc", "/var/run/docker.sock");
        assertThat(probe.getEnv().stream().map(EnvVar::getName)).contains("KUBERNETES_NODENAME");
        assertTokenFromSecret(probe);
    }

    @Test
    void theDeploymentIsOneClusterRoleProbeWithTheServiceAccount() {
        Deployment deployment = ProbeManifests.only("deployment.yaml", Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo("scope-cloud-probe");
        Container probe = pod.getContainers().get(0);
        assertThat(probe.getArgs()).contains("--probe.kubernetes=true", "--probe.kubernetes.role=cluster");
        assertThat(String.join(" ", probe.getArgs()))
                .as("no API server flag: in-cluster configuration")
                .doesNotContain("probe.kubernetes.server");
        assertTokenFromSecret(probe);
    }

    @Test
    void bothRolesRunTheProbeImageWhoseEntryPointIsScopeRun() throws Exception {
        String kustomization = Files.readString(ProbeManifests.DIR.resolve("kustomization.yaml"));
        assertThat(kustomization).contains("- name: scope-cloud-probe\n", "newName: localhost/scope-cloud-probe\n");
        for (PodSpec pod : List.of(
                ProbeManifests.only("daemonset.yaml", DaemonSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec(),
                ProbeManifests.only("deployment.yaml", Deployment.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec())) {
            Container probe = pod.getContainers().get(0);
            assertThat(probe.getImage()).isEqualTo("scope-cloud-probe");
            assertThat(probe.getCommand())
                    .as("the image's entry point runs the probe")
                    .isNullOrEmpty();
            assertThat(probe.getArgs().get(0))
                    .as("flags only: the entry point is `scope run`")
                    .startsWith("--");
        }
    }

    private static void assertTokenFromSecret(Container probe) {
        EnvVar token = probe.getEnv().stream()
                .filter(e -> e.getName().equals("SCOPE_SERVICE_TOKEN"))
                .findFirst()
                .orElseThrow();
        assertThat(token.getValue()).isNull();
        assertThat(token.getValueFrom().getSecretKeyRef().getName()).isEqualTo("scope-cloud-probe-token");
        assertThat(String.join(" ", probe.getArgs())).doesNotContain("token");
    }

    @Test
    void theClusterProbeRunsScopesJvmOptionsWithA192MiBHeap() {
        Container probe = ProbeManifests.only("deployment.yaml", Deployment.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        String options = probe.getEnv().stream()
                .filter(e -> e.getName().equals("SCOPE_PROBE_JAVA_OPTS"))
                .map(EnvVar::getValue)
                .findFirst()
                .orElseThrow();
        // what the benchmark measured (bench/README.md, "Kubernetes cluster-role probe"): the fixed
        // young generation and free ratios keep RSS under 256 MB at 5,000 pods
        assertThat(List.of(options.split(" ")))
                .isEqualTo(io.scopecloud.probe.cli.Launcher.jvmOptions(KubernetesOptions.cluster("https://api")));
    }
}
