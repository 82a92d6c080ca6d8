package io.scopecloud.probe.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.scopecloud.probe.ReportSource;
import io.scopecloud.probe.plugins.ShortcutPublisher;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.id.NodeIds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The cluster's objects as Scope 1.13's Kubernetes reporter reports them (reporter.go), read from
 * the informers' caches at each publish: pods get their parents from the label selectors of
 * services, deployments, daemonsets, statefulsets and (through the jobs in their
 * {@code status.active}) cronjobs, and from jobs' selectors only inside the cronjob loop, as
 * Scope does; Kubernetes nodes become host nodes offering cordon or uncordon. Each pod change is
 * also published at once as a shortcut report. Nothing is reported before the first lists are in.
 */
public final class KubernetesReporter implements ReportSource, ClusterInformers.PodListener {
    static final List<TopologyType> TOPOLOGIES = List.of(
            TopologyType.POD,
            TopologyType.SERVICE,
            TopologyType.DEPLOYMENT,
            TopologyType.DAEMON_SET,
            TopologyType.STATEFUL_SET,
            TopologyType.CRON_JOB,
            TopologyType.JOB,
            TopologyType.NAMESPACE,
            TopologyType.PERSISTENT_VOLUME,
            TopologyType.PERSISTENT_VOLUME_CLAIM,
            TopologyType.STORAGE_CLASS,
            TopologyType.VOLUME_SNAPSHOT,
            TopologyType.VOLUME_SNAPSHOT_DATA);

    private final ClusterInformers cluster;
    private final String probeId;
    private final String nodeName;
    private final ShortcutPublisher shortcuts;
    private final Clock clock;

    /**
     * @param nodeName report only the pods of this node (the {@code ""} role); empty for all
     */
    public KubernetesReporter(
            ClusterInformers cluster, String probeId, String nodeName, ShortcutPublisher shortcuts, Clock clock) {
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.probeId = requireNonNull(probeId, "probeId is null");
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
        this.shortcuts = requireNonNull(shortcuts, "shortcuts is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String name() {
        return "Kubernetes";
    }

    /** A pod's parent: pods in {@code namespace} matching {@code selector} belong to {@code parentId}. */
    private record Parent(String namespace, Selector selector, String topology, String parentId) {}

    /** Nothing until every informer has its first list: a half-listed cluster is not reported. */
    @Override
    public Report report() {
        if (!cluster.synced()) {
            return Report.empty();
        }
        Instant now = clock.instant();
        ObjectNodes nodes = new ObjectNodes(probeId, now);
        Map<TopologyType, Topology.Builder> topologies = new HashMap<>();
        for (TopologyType type : TOPOLOGIES) {
            topologies.put(type, KubernetesTopologies.builder(type));
        }
        List<Parent> parents = new ArrayList<>();
        for (Service service : cluster.services()) {
            topologies.get(TopologyType.SERVICE).node(nodes.service(service));
            parents.add(new Parent(
                    service.getMetadata().getNamespace(),
                    Selector.ofService(service.getSpec().getSelector()),
                    TopologyType.SERVICE.topologyName(),
                    NodeIds.makeId(TopologyType.SERVICE, service.getMetadata().getUid())));
        }
        for (Deployment deployment : cluster.deployments()) {
            topologies.get(TopologyType.DEPLOYMENT).node(nodes.deployment(deployment));
            parents.add(parent(
                    TopologyType.DEPLOYMENT,
                    deployment.getMetadata(),
                    Selector.of(deployment.getSpec().getSelector())));
        }
        for (DaemonSet daemonSet : cluster.daemonSets()) {
            topologies.get(TopologyType.DAEMON_SET).node(nodes.daemonSet(daemonSet));
            parents.add(parent(
                    TopologyType.DAEMON_SET,
                    daemonSet.getMetadata(),
                    Selector.of(daemonSet.getSpec().getSelector())));
        }
        for (StatefulSet statefulSet : cluster.statefulSets()) {
            topologies.get(TopologyType.STATEFUL_SET).node(nodes.statefulSet(statefulSet));
            parents.add(parent(
                    TopologyType.STATEFUL_SET,
                    statefulSet.getMetadata(),
                    Selector.of(statefulSet.getSpec().getSelector())));
        }
        List<Job> jobs = cluster.jobs();
        Map<String, Job> jobsByUid = new HashMap<>();
        for (Job job : jobs) {
            jobsByUid.put(job.getMetadata().getUid(), job);
            topologies.get(TopologyType.JOB).node(nodes.job(job));
        }
        for (CronJob cronJob : cluster.cronJobs()) {
            topologies.get(TopologyType.CRON_JOB).node(nodes.cronJob(cronJob));
            if (cronJob.getStatus() != null && cronJob.getStatus().getActive() != null) {
                for (var active : cronJob.getStatus().getActive()) {
                    Job job = jobsByUid.get(active.getUid());
                    if (job != null) {
                        parents.add(parent(TopologyType.CRON_JOB, cronJob.getMetadata(), jobSelector(job)));
                    }
                }
            }
            // Scope applies every job's selector here, once per cronjob
            for (Job job : jobs) {
                parents.add(parent(TopologyType.JOB, job.getMetadata(), jobSelector(job)));
            }
        }
        // A pod's parents are in its namespace: matching each pod only against those keeps a big cluster's
        // publish from comparing every pod with every controller (5,000 pods x 1,500 parents, see bench/README.md).
        Map<String, List<Parent>> parentsByNamespace =
                parents.stream().collect(Collectors.groupingBy(p -> Objects.requireNonNullElse(p.namespace(), "")));
        for (Pod pod : cluster.pods()) {
            if (!nodeName.isEmpty()
                    && (pod.getSpec() == null || !nodeName.equals(pod.getSpec().getNodeName()))) {
                continue;
            }
            List<Parent> candidates = parentsByNamespace.getOrDefault(
                    Objects.requireNonNullElse(pod.getMetadata().getNamespace(), ""), List.of());
            topologies.get(TopologyType.POD).node(nodes.pod(pod, parentsOf(pod, candidates)));
        }
        cluster.namespaces().forEach(n -> topologies.get(TopologyType.NAMESPACE).node(nodes.namespace(n)));
        cluster.persistentVolumes()
                .forEach(v -> topologies.get(TopologyType.PERSISTENT_VOLUME).node(nodes.persistentVolume(v)));
        cluster.persistentVolumeClaims()
                .forEach(c ->
                        topologies.get(TopologyType.PERSISTENT_VOLUME_CLAIM).node(nodes.persistentVolumeClaim(c)));
        cluster.storageClasses()
                .forEach(s -> topologies.get(TopologyType.STORAGE_CLASS).node(nodes.storageClass(s)));
        cluster.volumeSnapshots()
                .forEach(s -> topologies.get(TopologyType.VOLUME_SNAPSHOT).node(nodes.volumeSnapshot(s)));
        cluster.volumeSnapshotData()
                .forEach(d -> topologies.get(TopologyType.VOLUME_SNAPSHOT_DATA).node(nodes.volumeSnapshotData(d)));
        Topology.Builder hosts = KubernetesTopologies.host(probeId);
        cluster.nodes().forEach(n -> hosts.node(nodes.host(n)));

        Report.Builder report = Report.builder();
        topologies.forEach((type, topology) -> report.topology(type, topology.build()));
        report.topology(TopologyType.HOST, hosts.build());
        return report.build();
    }

    private static Parent parent(
            TopologyType type, io.fabric8.kubernetes.api.model.ObjectMeta meta, Selector selector) {
        return new Parent(meta.getNamespace(), selector, type.topologyName(), NodeIds.makeId(type, meta.getUid()));
    }

    private static Selector jobSelector(Job job) {
        JobSpec spec = job.getSpec();
        return Selector.of(spec == null ? null : spec.getSelector());
    }

    /** The pod's parents among {@code parents}, which are those of its namespace. */
    private static Map<String, List<String>> parentsOf(Pod pod, List<Parent> parents) {
        Map<String, TreeSet<String>> found = new TreeMap<>();
        Map<String, String> labels = pod.getMetadata().getLabels();
        for (Parent parent : parents) {
            if (parent.selector().matches(labels)) {
                found.computeIfAbsent(parent.topology(), k -> new TreeSet<>()).add(parent.parentId());
            }
        }
        Map<String, List<String>> result = new TreeMap<>();
        found.forEach((k, v) -> result.put(k, List.copyOf(v)));
        return result;
    }

    @Override
    public void changed(Pod pod) {
        if (!nodeName.isEmpty()
                && (pod.getSpec() == null || !nodeName.equals(pod.getSpec().getNodeName()))) {
            return;
        }
        ObjectNodes nodes = new ObjectNodes(probeId, clock.instant());
        shortcuts.publishShortcut(Report.builder()
                .topology(
                        TopologyType.POD,
                        Topology.builder(TopologyType.POD)
                                .node(nodes.pod(pod, Map.of()))
                                .build())
                .build());
    }

    @Override
    public void deleted(Pod pod) {
        ObjectNodes nodes = new ObjectNodes(probeId, clock.instant());
        shortcuts.publishShortcut(Report.builder()
                .topology(
                        TopologyType.POD,
                        Topology.builder(TopologyType.POD)
                                .node(nodes.deletedPod(pod.getMetadata().getUid()))
                                .build())
                .build());
    }
}
