package io.scopecloud.probe.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.id.NodeIds;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's objects as Scope 1.13's Kubernetes reporter reports them (reporter.go), read from
 * the informers' caches at each publish: pods get their parents from the label selectors of
 * services, deployments, daemonsets, statefulsets and (through the jobs in their
 * {@code status.active}) cronjobs, and from jobs' selectors only inside the cronjob loop, as
 * Scope does; Kubernetes nodes become host nodes offering cordon or uncordon. Each object's node is
 * kept until its informer has a new version of it ({@link NodeCache}). Pod changes are also
 * published as shortcut reports, those of the same 100 ms in one. Nothing is reported before the
 * first lists are in.
 */
public final class KubernetesReporter implements ReportSource, ClusterInformers.PodListener, AutoCloseable {
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
    private final Supplier<Optional<Set<String>>> localPods; // null: no kubelet to ask
    private final Map<String, Node> pendingShortcuts = new LinkedHashMap<>();
    private final ScheduledExecutorService shortcutSender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scope-k8s-shortcuts");
        t.setDaemon(true);
        return t;
    });
    private final Map<TopologyType, NodeCache> caches = new EnumMap<>(TopologyType.class);
    private Map<String, List<Parent>> lastParents = Map.of();

    /**
     * @param nodeName report only the pods of this node (the {@code ""} role); empty for all
     */
    public KubernetesReporter(
            ClusterInformers cluster, String probeId, String nodeName, ShortcutPublisher shortcuts, Clock clock) {
        this(cluster, probeId, nodeName, null, shortcuts, clock);
    }

    /**
     * @param localPods with no {@code nodeName}, the uids of this node's pods (the kubelet's list,
     *     {@link KubeletPods}), asked at each report: only those are reported; empty: all. Null: all.
     */
    public KubernetesReporter(
            ClusterInformers cluster,
            String probeId,
            String nodeName,
            Supplier<Optional<Set<String>>> localPods,
            ShortcutPublisher shortcuts,
            Clock clock) {
        this.localPods = requireNonNull(nodeName, "nodeName is null").isEmpty() ? localPods : null;
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.probeId = requireNonNull(probeId, "probeId is null");
        this.nodeName = requireNonNull(nodeName, "nodeName is null");
        this.shortcuts = requireNonNull(shortcuts, "shortcuts is null");
        this.clock = requireNonNull(clock, "clock is null");
        for (TopologyType type : TOPOLOGIES) {
            caches.put(type, new NodeCache());
        }
        caches.put(TopologyType.HOST, new NodeCache());
    }

    @Override
    public String name() {
        return "Kubernetes";
    }

    /** A pod's parent: pods in {@code namespace} matching {@code selector} belong to {@code parentId}. */
    /** How long pod changes are gathered into one shortcut report. */
    static final Duration SHORTCUT_DELAY = Duration.ofMillis(100);

    private static final Logger log = LoggerFactory.getLogger(KubernetesReporter.class);
    private static final Object NO_INPUTS = new Object();

    private record Parent(String namespace, Selector selector, String topology, String parentId) {}

    /** Nothing until every informer has its first list: a half-listed cluster is not reported. */
    @Override
    public synchronized Report report() {
        if (!cluster.synced()) {
            return Report.empty();
        }
        ObjectNodes nodes = new ObjectNodes(probeId, clock.instant());
        Map<TopologyType, Topology.Builder> topologies = new EnumMap<>(TopologyType.class);
        for (TopologyType type : TOPOLOGIES) {
            topologies.put(type, KubernetesTopologies.builder(type));
        }
        List<Parent> parents = new ArrayList<>();
        for (Service service : cluster.services()) {
            topologies
                    .get(TopologyType.SERVICE)
                    .node(cached(TopologyType.SERVICE, service, () -> nodes.service(service)));
            parents.add(new Parent(
                    service.getMetadata().getNamespace(),
                    Selector.ofService(service.getSpec().getSelector()),
                    TopologyType.SERVICE.topologyName(),
                    NodeIds.makeId(TopologyType.SERVICE, service.getMetadata().getUid())));
        }
        for (Deployment deployment : cluster.deployments()) {
            topologies
                    .get(TopologyType.DEPLOYMENT)
                    .node(cached(TopologyType.DEPLOYMENT, deployment, () -> nodes.deployment(deployment)));
            parents.add(parent(
                    TopologyType.DEPLOYMENT,
                    deployment.getMetadata(),
                    Selector.of(deployment.getSpec().getSelector())));
        }
        for (DaemonSet daemonSet : cluster.daemonSets()) {
            topologies
                    .get(TopologyType.DAEMON_SET)
                    .node(cached(TopologyType.DAEMON_SET, daemonSet, () -> nodes.daemonSet(daemonSet)));
            parents.add(parent(
                    TopologyType.DAEMON_SET,
                    daemonSet.getMetadata(),
                    Selector.of(daemonSet.getSpec().getSelector())));
        }
        for (StatefulSet statefulSet : cluster.statefulSets()) {
            topologies
                    .get(TopologyType.STATEFUL_SET)
                    .node(cached(TopologyType.STATEFUL_SET, statefulSet, () -> nodes.statefulSet(statefulSet)));
            parents.add(parent(
                    TopologyType.STATEFUL_SET,
                    statefulSet.getMetadata(),
                    Selector.of(statefulSet.getSpec().getSelector())));
        }
        List<Job> jobs = cluster.jobs();
        Map<String, Job> jobsByUid = new HashMap<>();
        for (Job job : jobs) {
            jobsByUid.put(job.getMetadata().getUid(), job);
            topologies.get(TopologyType.JOB).node(cached(TopologyType.JOB, job, () -> nodes.job(job)));
        }
        for (CronJob cronJob : cluster.cronJobs()) {
            topologies
                    .get(TopologyType.CRON_JOB)
                    .node(cached(TopologyType.CRON_JOB, cronJob, () -> nodes.cronJob(cronJob)));
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
        Map<String, List<Parent>> parentsByNamespace = sameAsBefore(parents);
        Set<String> local = localPods == null ? null : localPods.get().orElse(null);
        for (Pod pod : cluster.pods()) {
            if (!nodeName.isEmpty()
                    && (pod.getSpec() == null || !nodeName.equals(pod.getSpec().getNodeName()))) {
                continue;
            }
            if (local != null && !local.contains(pod.getMetadata().getUid())) {
                continue;
            }
            // A pod's parents are in its namespace: matching each pod only against those keeps a big cluster's
            // publish from comparing every pod with every controller (5,000 pods x 1,500 parents, see
            // bench/README.md); a pod whose version and namespace's parents are unchanged keeps its node.
            List<Parent> candidates = parentsByNamespace.getOrDefault(
                    Objects.requireNonNullElse(pod.getMetadata().getNamespace(), ""), List.of());
            topologies
                    .get(TopologyType.POD)
                    .node(caches.get(TopologyType.POD)
                            .node(pod, candidates, () -> nodes.pod(pod, parentsOf(pod, candidates))));
        }
        cluster.namespaces().forEach(n -> topologies
                .get(TopologyType.NAMESPACE)
                .node(cached(TopologyType.NAMESPACE, n, () -> nodes.namespace(n))));
        cluster.persistentVolumes().forEach(v -> topologies
                .get(TopologyType.PERSISTENT_VOLUME)
                .node(cached(TopologyType.PERSISTENT_VOLUME, v, () -> nodes.persistentVolume(v))));
        cluster.persistentVolumeClaims().forEach(c -> topologies
                .get(TopologyType.PERSISTENT_VOLUME_CLAIM)
                .node(cached(TopologyType.PERSISTENT_VOLUME_CLAIM, c, () -> nodes.persistentVolumeClaim(c))));
        cluster.storageClasses().forEach(s -> topologies
                .get(TopologyType.STORAGE_CLASS)
                .node(cached(TopologyType.STORAGE_CLASS, s, () -> nodes.storageClass(s))));
        cluster.volumeSnapshots().forEach(s -> topologies
                .get(TopologyType.VOLUME_SNAPSHOT)
                .node(cached(TopologyType.VOLUME_SNAPSHOT, s, () -> nodes.volumeSnapshot(s))));
        cluster.volumeSnapshotData().forEach(d -> topologies
                .get(TopologyType.VOLUME_SNAPSHOT_DATA)
                .node(cached(TopologyType.VOLUME_SNAPSHOT_DATA, d, () -> nodes.volumeSnapshotData(d))));
        Topology.Builder hosts = KubernetesTopologies.host(probeId);
        cluster.nodes().forEach(n -> hosts.node(cached(TopologyType.HOST, n, () -> nodes.host(n))));
        caches.values().forEach(NodeCache::endRound);

        Report.Builder report = Report.builder();
        topologies.forEach((type, topology) -> report.topology(type, topology.build()));
        report.topology(TopologyType.HOST, hosts.build());
        return report.build();
    }

    private Node cached(TopologyType type, HasMetadata object, Supplier<Node> build) {
        return caches.get(type).node(object, NO_INPUTS, build);
    }

    /**
     * The parents grouped by namespace, each namespace's list the instance of the last publish when
     * it is equal to it, so that a pod's cached node can be checked against it by identity.
     */
    private Map<String, List<Parent>> sameAsBefore(List<Parent> parents) {
        Map<String, List<Parent>> byNamespace = new HashMap<>();
        for (Parent parent : parents) {
            byNamespace
                    .computeIfAbsent(Objects.requireNonNullElse(parent.namespace(), ""), k -> new ArrayList<>())
                    .add(parent);
        }
        byNamespace.replaceAll((namespace, list) -> {
            List<Parent> before = lastParents.get(namespace);
            return list.equals(before) ? before : list;
        });
        lastParents = byNamespace;
        return byNamespace;
    }

    /** How many nodes were made rather than reused since the start (for tests). */
    long nodesBuilt() {
        return caches.values().stream().mapToLong(NodeCache::built).sum();
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
        queueShortcut(new ObjectNodes(probeId, clock.instant()).pod(pod, Map.of()));
    }

    @Override
    public void deleted(Pod pod) {
        queueShortcut(new ObjectNodes(probeId, clock.instant())
                .deletedPod(pod.getMetadata().getUid()));
    }

    /**
     * Pod changes within {@link #SHORTCUT_DELAY} of the first go out as one shortcut report: the
     * first list of a 5,000-pod cluster is then a few reports, not 5,000 that overflow the
     * probe's shortcut queue. A pod's last change wins.
     */
    private void queueShortcut(Node node) {
        synchronized (pendingShortcuts) {
            boolean first = pendingShortcuts.isEmpty();
            pendingShortcuts.put(node.id(), node);
            if (first && !shortcutSender.isShutdown()) {
                var unused =
                        shortcutSender.schedule(this::sendShortcuts, SHORTCUT_DELAY.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void sendShortcuts() {
        List<Node> pods;
        synchronized (pendingShortcuts) {
            pods = List.copyOf(pendingShortcuts.values());
            pendingShortcuts.clear();
        }
        if (pods.isEmpty()) {
            return;
        }
        Topology.Builder topology = Topology.builder(TopologyType.POD);
        pods.forEach(topology::node);
        try {
            shortcuts.publishShortcut(Report.builder()
                    .topology(TopologyType.POD, topology.build())
                    .build());
        } catch (RuntimeException e) {
            log.warn("Kubernetes: a pods shortcut report failed: {}", e.toString());
        }
    }

    /** Stops sending shortcut reports (pending ones are dropped: the next report has them). */
    @Override
    public void close() {
        shortcutSender.shutdownNow();
    }
}
