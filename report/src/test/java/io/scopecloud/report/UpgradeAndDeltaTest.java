package io.scopecloud.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradeAndDeltaTest {
    private static final Instant T1 = Instant.parse("2023-06-13T10:00:01Z");
    private static final Instant T2 = Instant.parse("2023-06-13T10:00:02Z");

    @Test
    void podsReplicaSetParentsBecomeTheirDeployments() {
        Report r = Report.builder()
                .node(
                        TopologyType.REPLICA_SET,
                        Node.builder("rs1;<replica_set>", "replica_set")
                                .parent("deployment", "d1;<deployment>")
                                .build())
                .node(
                        TopologyType.POD,
                        Node.builder("p1;<pod>", "pod")
                                .parent("replica_set", "rs1;<replica_set>")
                                .parent("host", "h;<host>")
                                .build())
                .build();

        Node pod = r.upgrade().topology(TopologyType.POD).nodes().get("p1;<pod>");

        assertThat(pod.parents()).containsOnlyKeys("deployment", "host");
        assertThat(pod.parents().get("deployment")).containsExactly("d1;<deployment>");
    }

    @Test
    void namespacesAreSynthesizedFromNonDeletedObjects() {
        Report r = Report.builder()
                .node(
                        TopologyType.POD,
                        Node.builder("p1;<pod>", "pod")
                                .latest("kubernetes_namespace", T1, "default")
                                .build())
                .node(
                        TopologyType.DEPLOYMENT,
                        Node.builder("d1;<deployment>", "deployment")
                                .latest("kubernetes_namespace", T2, "default")
                                .build())
                .node(
                        TopologyType.SERVICE,
                        Node.builder("s1;<service>", "service")
                                .latest("kubernetes_namespace", T1, "gone")
                                .latest("kubernetes_state", T1, "deleted")
                                .build())
                .build();

        Topology namespaces = r.upgrade().topology(TopologyType.NAMESPACE);

        assertThat(namespaces.nodes()).containsOnlyKeys("default;<namespace>");
        Node ns = namespaces.nodes().get("default;<namespace>");
        assertThat(ns.topology()).isEqualTo("namespace");
        assertThat(ns.latest().get("kubernetes_name")).isEqualTo(new LatestEntry(T2, "default"));
    }

    @Test
    void existingNamespacesAreKept() {
        Report r = Report.builder()
                .node(TopologyType.NAMESPACE, Node.of("uid;<namespace>", "namespace"))
                .node(
                        TopologyType.POD,
                        Node.builder("p1;<pod>", "pod")
                                .latest("kubernetes_namespace", T1, "default")
                                .build())
                .build();

        assertThat(r.upgrade().topology(TopologyType.NAMESPACE).nodes()).containsOnlyKeys("uid;<namespace>");
    }

    @Test
    void dnsIsBuiltFromLegacyEndpointSets() {
        Report r = Report.builder()
                .node(
                        TopologyType.ENDPOINT,
                        Node.builder(";10.0.0.9;5432", "endpoint")
                                .set("snooped_dns_names", "db.local")
                                .set("reverse_dns_names", "db.internal")
                                .build())
                .node(
                        TopologyType.ENDPOINT,
                        Node.builder(";10.0.0.9;80", "endpoint")
                                .set("snooped_dns_names", "web.local")
                                .build())
                .build();

        assertThat(r.upgrade().dns())
                .containsExactly(java.util.Map.entry(
                        "10.0.0.9", new DnsRecord(List.of("db.local", "web.local"), List.of("db.internal"))));
    }

    @Test
    void legacyNodesKeyReplacesDns() {
        Report r = Report.builder()
                .legacyDns("10.0.0.1", new DnsRecord(List.of("a"), List.of()))
                .build();

        Report upgraded = r.upgrade();

        assertThat(upgraded.dns()).containsOnlyKeys("10.0.0.1");
        assertThat(upgraded.legacyDns()).isEmpty();
    }

    @Test
    void upgradeIsANoOpForCurrentReports() {
        Report r = Report.builder()
                .node(TopologyType.HOST, Node.of("h;<host>", "host"))
                .dns("1.2.3.4", new DnsRecord(List.of("x"), List.of()))
                .build();

        assertThat(r.upgrade()).isSameAs(r);
    }

    @Test
    void deltaNodesMergeIntoTheirFullNodes() {
        Node full = Node.builder("h;1", "process")
                .latest("pid", T1, "1")
                .latest("name", T1, "nginx")
                .build();
        Node delta = Node.builder("", "")
                .latest("pid", T2, "1")
                .metric("cpu", Metric.of(0, 100, new Sample(T2, 5)))
                .build();
        Report fullReport = Report.builder().node(TopologyType.PROCESS, full).build();
        Report deltaReport = Report.builder()
                .topology(TopologyType.PROCESS, Topology.builder().build().withNode("h;1", delta))
                .build();

        Report window = Report.mergeAll(List.of(fullReport, deltaReport)).withoutPartMergedNodes();

        Node merged = window.topology(TopologyType.PROCESS).nodes().get("h;1");
        assertThat(merged.id()).isEqualTo("h;1");
        assertThat(merged.topology()).isEqualTo("process");
        assertThat(merged.latestValue("name")).contains("nginx");
        assertThat(merged.metrics()).containsKey("cpu");
    }

    @Test
    void partMergedNodesAreDropped() {
        Node orphan = Node.builder("", "").latest("pid", T2, "1").build();
        Report delta = Report.builder()
                .topology(
                        TopologyType.PROCESS,
                        Topology.defaults(TopologyType.PROCESS).withNode("h;2", orphan))
                .node(TopologyType.HOST, Node.of("h;<host>", "host"))
                .build();

        Report cleaned = delta.withoutPartMergedNodes();

        assertThat(cleaned.topology(TopologyType.PROCESS).nodes()).isEmpty();
        assertThat(cleaned.topology(TopologyType.PROCESS).shape()).isEqualTo("square");
        assertThat(cleaned.topology(TopologyType.HOST).nodes()).containsOnlyKeys("h;<host>");
    }
}
