package io.scopecloud.bench.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options the cluster-role probe runs with: {@code $SCOPE_PROBE_JAVA_OPTS} of the cluster
 * Deployment ({@code infra/kubernetes/probe/deployment.yaml}, which replaces {@code scope}'s own),
 * so that the benchmark measures the JVM the manifests run; {@code Launcher.JVM_OPTIONS} of the
 * jar ({@code scope}'s) when the manifest is not found or sets none, or with
 * {@code PROBE_BENCH_JVM=scope}.
 */
final class ClusterProbeJvm {
    static final String MANIFEST = "infra/kubernetes/probe/deployment.yaml";

    private ClusterProbeJvm() {}

    static List<String> options(Path jar) throws Exception {
        if ("scope".equals(System.getenv("PROBE_BENCH_JVM"))) {
            System.out.println("probe JVM: Launcher.JVM_OPTIONS (PROBE_BENCH_JVM=scope)");
            return ProbeLoadBench.jvmOptions(jar);
        }
        for (Path manifest : List.of(Path.of(MANIFEST), Path.of("..").resolve(MANIFEST))) {
            if (Files.isRegularFile(manifest)) {
                String options = javaOpts(Files.readString(manifest));
                if (options != null) {
                    System.out.println("probe JVM: " + manifest + "'s SCOPE_PROBE_JAVA_OPTS");
                    return List.of(options.trim().split("\\s+"));
                }
            }
        }
        System.out.println("probe JVM: Launcher.JVM_OPTIONS (no " + MANIFEST + " with SCOPE_PROBE_JAVA_OPTS here)");
        return ProbeLoadBench.jvmOptions(jar);
    }

    /** The Deployment's {@code SCOPE_PROBE_JAVA_OPTS}, or null. */
    static String javaOpts(String manifestYaml) {
        Deployment deployment = Serialization.unmarshal(manifestYaml, Deployment.class);
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            for (EnvVar env : container.getEnv()) {
                if (env.getName().equals("SCOPE_PROBE_JAVA_OPTS") && env.getValue() != null) {
                    return env.getValue();
                }
            }
        }
        return null;
    }
}
