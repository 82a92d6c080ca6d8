package io.scopecloud.probe.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fabric8 SharedInformer per kind Scope reports (list with {@code limit=500}, then watch;
 * resync from the cache every {@code --probe.kubernetes.interval}; no polling, nodes included).
 * A kind the server does not serve (404) or does not let the probe read (403) is logged once and
 * left empty, never retried in a loop; the volume snapshot CRDs are only watched when discovery
 * lists their group, looked for again after 30 s, then ever less often (up to every 10 minutes). Other failures (a dropped watch, a server restart) are retried by the
 * informer with its backoff. See ADR 0017.
 */
public final class ClusterInformers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterInformers.class);
    static final String SNAPSHOT_GROUP = "volumesnapshot.external-storage.k8s.io";
    static final long PAGE = 500;

    static final ResourceDefinitionContext VOLUME_SNAPSHOTS = new ResourceDefinitionContext.Builder()
            .withGroup(SNAPSHOT_GROUP)
            .withVersion("v1")
            .withKind("VolumeSnapshot")
            .withPlural("volumesnapshots")
            .withNamespaced(true)
            .build();
    static final ResourceDefinitionContext VOLUME_SNAPSHOT_DATA = new ResourceDefinitionContext.Builder()
            .withGroup(SNAPSHOT_GROUP)
            .withVersion("v1")
            .withKind("VolumeSnapshotData")
            .withPlural("volumesnapshotdatas")
            .withNamespaced(false)
            .build();

    /** Told of every pod change (Scope publishes a shortcut report for each). */
    public interface PodListener {
        void changed(Pod pod);

        void deleted(Pod pod);
    }

    /** The first look again for the snapshot CRDs after start; each next one waits twice as long. */
    static final Duration REDISCOVERY = Duration.ofSeconds(30);

    static final Duration MAX_REDISCOVERY = Duration.ofMinutes(10);

    private final KubernetesClient client;
    private final long resyncMillis;
    private final Duration rediscovery;
    private final List<SharedIndexInformer<?>> all = new ArrayList<>();
    private final List<SharedIndexInformer<?>> late = new ArrayList<>(); // started after the first lists
    private ScheduledExecutorService discovery;
    private boolean closed;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<Deployment> deployments;
    private SharedIndexInformer<DaemonSet> daemonSets;
    private SharedIndexInformer<StatefulSet> statefulSets;
    private SharedIndexInformer<CronJob> cronJobs;
    private SharedIndexInformer<Job> jobs;
    private SharedIndexInformer<Namespace> namespaces;
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<PersistentVolume> persistentVolumes;
    private SharedIndexInformer<PersistentVolumeClaim> persistentVolumeClaims;
    private SharedIndexInformer<StorageClass> storageClasses;
    private volatile SharedIndexInformer<GenericKubernetesResource> volumeSnapshots;
    private volatile SharedIndexInformer<GenericKubernetesResource> volumeSnapshotData;

    public ClusterInformers(KubernetesClient client, Duration resync) {
        this(client, resync, REDISCOVERY);
    }

    /** @param rediscovery when to look again for snapshot CRDs absent at start (doubling, at most 10 min) */
    ClusterInformers(KubernetesClient client, Duration resync, Duration rediscovery) {
        this.client = requireNonNull(client, "client is null");
        this.resyncMillis = requireNonNull(resync, "resync is null").toMillis();
        this.rediscovery = requireNonNull(rediscovery, "rediscovery is null");
    }

    /** Starts every informer; does not wait for their first lists. */
    public synchronized void start(PodListener podListener) {
        requireNonNull(podListener, "podListener is null");
        pods = informer("pods", client.pods().inAnyNamespace());
        pods.addEventHandler(new PodEvents(podListener));
        services = informer("services", client.services().inAnyNamespace());
        deployments = informer("deployments", client.apps().deployments().inAnyNamespace());
        daemonSets = informer("daemonsets", client.apps().daemonSets().inAnyNamespace());
        statefulSets = informer("statefulsets", client.apps().statefulSets().inAnyNamespace());
        cronJobs = informer("cronjobs", client.batch().v1().cronjobs().inAnyNamespace());
        jobs = informer("jobs", client.batch().v1().jobs().inAnyNamespace());
        namespaces = informer("namespaces", client.namespaces());
        nodes = informer("nodes", client.nodes());
        persistentVolumes = informer("persistentvolumes", client.persistentVolumes());
        persistentVolumeClaims = informer(
                "persistentvolumeclaims", client.persistentVolumeClaims().inAnyNamespace());
        storageClasses = informer("storageclasses", client.storage().v1().storageClasses());
        if (servesSnapshots()) {
            watchSnapshots(all);
        } else {
            log.info(
                    "Kubernetes: volume snapshots ({}/v1) are not served by this cluster; looking again in {} s",
                    SNAPSHOT_GROUP,
                    rediscovery.toSeconds());
            discovery = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "scope-k8s-discovery");
                t.setDaemon(true);
                return t;
            });
            lookAgain(rediscovery);
        }
        for (SharedIndexInformer<?> informer : all) {
            informer.start();
        }
    }

    private void watchSnapshots(List<SharedIndexInformer<?>> into) {
        volumeSnapshots = informer(
                "volumesnapshots",
                client.genericKubernetesResources(VOLUME_SNAPSHOTS).inAnyNamespace(),
                into);
        volumeSnapshotData =
                informer("volumesnapshotdatas", client.genericKubernetesResources(VOLUME_SNAPSHOT_DATA), into);
    }

    /**
     * Looks for the snapshot CRDs after {@code delay}, then after twice that, up to
     * {@link #MAX_REDISCOVERY}: CRDs installed after the probe started are watched without a
     * restart, and a cluster that never installs them costs one discovery request every 10 minutes.
     */
    private void lookAgain(Duration delay) {
        var unused = discovery.schedule(
                () -> {
                    boolean served;
                    try {
                        served = servesSnapshots();
                    } catch (RuntimeException e) {
                        served = false;
                    }
                    if (served) {
                        startLateSnapshots();
                    } else {
                        Duration next = delay.multipliedBy(2);
                        lookAgain(next.compareTo(MAX_REDISCOVERY) > 0 ? MAX_REDISCOVERY : next);
                    }
                },
                delay.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private synchronized void startLateSnapshots() {
        if (closed) {
            return;
        }
        log.info("Kubernetes: volume snapshots ({}/v1) are served now; watching them", SNAPSHOT_GROUP);
        List<SharedIndexInformer<?>> started = new ArrayList<>();
        watchSnapshots(started);
        for (SharedIndexInformer<?> informer : started) {
            informer.start();
        }
        late.addAll(started);
    }

    private boolean servesSnapshots() {
        try {
            return client.getApiGroup(SNAPSHOT_GROUP) != null;
        } catch (KubernetesClientException e) {
            log.debug(
                    "Kubernetes: discovery of {} failed ({}); volume snapshots not watched",
                    SNAPSHOT_GROUP,
                    e.getMessage());
            return false;
        }
    }

    private <T extends HasMetadata> SharedIndexInformer<T> informer(String resource, Informable<T> source) {
        return informer(resource, source, all);
    }

    private <T extends HasMetadata> SharedIndexInformer<T> informer(
            String resource, Informable<T> source, List<SharedIndexInformer<?>> into) {
        SharedIndexInformer<T> informer = source.withLimit(PAGE).runnableInformer(resyncMillis);
        informer.exceptionHandler((started, error) -> retry(resource, error));
        into.add(informer);
        return informer;
    }

    /** 403/404 are answers, not outages: say so once and stop that informer. */
    static boolean retry(String resource, Throwable error) {
        if (error instanceof KubernetesClientException k && (k.getCode() == 404 || k.getCode() == 403)) {
            log.warn(
                    "Kubernetes: {} {} (HTTP {}); not watched. {}",
                    resource,
                    k.getCode() == 404 ? "are not supported by this Kubernetes version" : "may not be listed",
                    k.getCode(),
                    k.getCode() == 403 ? "Grant the probe's service account list and watch on it." : "");
            return false;
        }
        log.info("Kubernetes: {} informer: {}; retrying", resource, error.toString());
        return true;
    }

    /**
     * Whether every started informer has listed once, or given up (a kind the server does not
     * serve or lets the probe read): a report made before then would miss objects.
     */
    public boolean synced() {
        for (SharedIndexInformer<?> informer : all) {
            if (!informer.hasSynced()
                    && !informer.stopped().toCompletableFuture().isDone()) {
                return false;
            }
        }
        return !all.isEmpty();
    }

    public List<Pod> pods() {
        return list(pods);
    }

    public List<Service> services() {
        return list(services);
    }

    public List<Deployment> deployments() {
        return list(deployments);
    }

    public List<DaemonSet> daemonSets() {
        return list(daemonSets);
    }

    public List<StatefulSet> statefulSets() {
        return list(statefulSets);
    }

    public List<CronJob> cronJobs() {
        return list(cronJobs);
    }

    public List<Job> jobs() {
        return list(jobs);
    }

    public List<Namespace> namespaces() {
        return list(namespaces);
    }

    public List<Node> nodes() {
        return list(nodes);
    }

    public List<PersistentVolume> persistentVolumes() {
        return list(persistentVolumes);
    }

    public List<PersistentVolumeClaim> persistentVolumeClaims() {
        return list(persistentVolumeClaims);
    }

    public List<StorageClass> storageClasses() {
        return list(storageClasses);
    }

    public List<GenericKubernetesResource> volumeSnapshots() {
        return list(volumeSnapshots);
    }

    public List<GenericKubernetesResource> volumeSnapshotData() {
        return list(volumeSnapshotData);
    }

    private static <T> List<T> list(SharedIndexInformer<T> informer) {
        return informer == null ? List.of() : informer.getStore().list();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (discovery != null) {
            discovery.shutdownNow();
        }
        for (SharedIndexInformer<?> informer : all) {
            informer.stop();
        }
        for (SharedIndexInformer<?> informer : late) {
            informer.stop();
        }
        all.clear();
        late.clear();
    }

    /** Pod events to the listener; a resync's replay of an unchanged pod is not a change. */
    private static final class PodEvents implements ResourceEventHandler<Pod> {
        private final PodListener listener;

        PodEvents(PodListener listener) {
            this.listener = listener;
        }

        @Override
        public void onAdd(Pod pod) {
            listener.changed(pod);
        }

        @Override
        public void onUpdate(Pod before, Pod after) {
            if (!Objects.equals(
                    before.getMetadata().getResourceVersion(),
                    after.getMetadata().getResourceVersion())) {
                listener.changed(after);
            }
        }

        @Override
        public void onDelete(Pod pod, boolean finalStateUnknown) {
            listener.deleted(pod);
        }
    }
}
