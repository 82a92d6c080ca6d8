package io.scopecloud.probe.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.probe.ProbeAgent;
import io.scopecloud.probe.cli.ProbeConfig;
import io.scopecloud.probe.cli.ProbeFlags;
import io.scopecloud.probe.kubernetes.FixtureApiServer;
import io.scopecloud.probe.net.ProbeIdentity;
import io.scopecloud.probe.publish.PublishListener;
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe as `scope run --probe.kubernetes=true --probe.kubernetes.role=cluster
 * --probe.kubernetes.server=...` against the fixture cluster: it posts a pods shortcut, then full
 * reports of the cluster's objects and no host data of its own.
 */
class KubernetesEndToEndIT {
    @TempDir
    Path temp;

    @Test
    void aClusterRoleProbeReportsTheClusterAndNoHostOfItsOwn() throws Exception {
        FakeScopeApp app = new FakeScopeApp("good-token");
        try (FixtureApiServer api = new FixtureApiServer().loadCluster()) {
            ProbeConfig config = ProbeFlags.parse(
                    List.of(
                            "--service-token=good-token",
                            "--service-url=" + app.url(),
                            "--probe.publish.interval=300ms",
                            "--probe.spy.interval=100ms",
                            "--probe.plugins.root=",
                            "--probe.docker=false",
                            "--probe.kubernetes=true",
                            "--probe.kubernetes.role=cluster",
                            "--probe.kubernetes.server=" + api.url(),
                            "--state-dir=" + temp.resolve("state")),
                    Map.of("SCOPE_HOSTNAME", "e2e-host"));
            ProbeIdentity identity = ProbeIdentity.generate(config.token(), "e2e");
            try (ProbeAgent agent =
                    new ProbeAgent(config, identity, Map.of("SCOPE_HOSTNAME", "e2e-host"), PublishListener.NONE)) {
                agent.start();
                boolean shortcut = false;
                boolean podAdded = false;
                Report full = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while ((full == null || !shortcut) && System.nanoTime() < deadline) {
                    if (full != null && !podAdded) {
                        // the first list's shortcut may have been dropped (a shortcut is sent only
                        // when the send queue has room); a pod started now gets one of its own
                        api.addPod("default", "late-arrival");
                        podAdded = true;
                    }
                    FakeScopeApp.Posted posted = app.reports.poll(1, TimeUnit.SECONDS);
                    if (posted == null) {
                        continue;
                    }
                    Report r = posted.report();
                    if (r.shortcut() && !r.topology(TopologyType.POD).nodes().isEmpty()) {
                        shortcut = true;
                    } else if (!r.shortcut()
                            && r.topology(TopologyType.POD).nodes().size() == 8) {
                        full = r;
                    }
                }
                assertThat(shortcut).as("a pods shortcut report").isTrue();
                assertThat(full).as("a full report with the 8 pods").isNotNull();
                assertThat(full.topology(TopologyType.DEPLOYMENT).nodes()).hasSize(2);
                assertThat(full.topology(TopologyType.PROCESS).nodes()).isEmpty();
                assertThat(full.topology(TopologyType.ENDPOINT).nodes()).isEmpty();
                assertThat(full.topology(TopologyType.HOST).nodes()).containsOnlyKeys("vm;<host>");
                Node vm = full.topology(TopologyType.HOST).nodes().get("vm;<host>");
                assertThat(vm.latest()).containsOnlyKeys("active_controls");
                assertThat(full.topology(TopologyType.HOST)
                                .controls()
                                .get("kubernetes_cordon_node")
                                .probeId())
                        .isEqualTo(identity.probeId());
                assertThat(full.topology(TopologyType.POD).nodes().values())
                        .allSatisfy(p ->
                                assertThat(p.latestValue("control_probe_id")).contains(identity.probeId()));
            }
        } finally {
            app.stop();
        }
    }
}
