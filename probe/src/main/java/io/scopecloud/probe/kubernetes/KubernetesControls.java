package io.scopecloud.probe.kubernetes;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlRequest;
import io.scopecloud.probe.control.ControlResponse;
import io.scopecloud.probe.pipe.PipeClient;
import io.scopecloud.probe.pipe.PipeEnd;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.id.NodeIds;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scope's Kubernetes controls (probe/kubernetes/controls.go) on the probe's own API client: the
 * same requests Scope's probe makes (controls-requests.log of the fixtures). Objects are found by
 * the uid in the node id, in the informers' caches. "Describe" writes the object's YAML to a pipe
 * held open until the UI closes it (Scope ran kubectl's describer, which worked only in-cluster).
 */
public final class KubernetesControls {
    private static final Logger log = LoggerFactory.getLogger(KubernetesControls.class);
    private static final DateTimeFormatter SNAPSHOT_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final ClusterInformers cluster;
    private final PipeClient pipes;
    private final Clock clock;

    public KubernetesControls(KubernetesClient client, ClusterInformers cluster, PipeClient pipes, Clock clock) {
        this.client = requireNonNull(client, "client is null");
        this.cluster = requireNonNull(cluster, "cluster is null");
        this.pipes = requireNonNull(pipes, "pipes is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public void register(ControlRegistry controls) {
        controls.register(KubernetesTopologies.GET_LOGS, this::logs);
        controls.register(KubernetesTopologies.DELETE_POD, this::deletePod);
        controls.register(KubernetesTopologies.DESCRIBE, this::describe);
        controls.register(KubernetesTopologies.SCALE_UP, request -> scale(request, 1));
        controls.register(KubernetesTopologies.SCALE_DOWN, request -> scale(request, -1));
        controls.register(KubernetesTopologies.CORDON, request -> cordon(request, true));
        controls.register(KubernetesTopologies.UNCORDON, request -> cordon(request, false));
        controls.register(KubernetesTopologies.CREATE_SNAPSHOT, this::createSnapshot);
        controls.register(KubernetesTopologies.CLONE_SNAPSHOT, this::cloneSnapshot);
        controls.register(KubernetesTopologies.DELETE_SNAPSHOT, this::deleteSnapshot);
    }

    /** Follows every container's log (with timestamps) into one pipe. */
    private ControlResponse logs(ControlRequest request) {
        return run(() -> {
            Pod pod = find(request, TopologyType.POD, cluster::pods);
            List<String> containers =
                    pod.getSpec().getContainers().stream().map(c -> c.getName()).toList();
            var pods = client.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName());
            List<LogWatch> watches = containers.stream()
                    .map(c -> pods.inContainer(c).usingTimestamps().watchLog())
                    .toList();
            InputStream merged = LogStreams.merge(containers, watches);
            String pipe = pipes.open(
                    request.appId(), new ReadOnlyEnd(merged, () -> watches.forEach(LogWatch::close)), () -> {});
            return new ControlResponse(null, null, pipe, false, null, null);
        });
    }

    private ControlResponse deletePod(ControlRequest request) {
        return run(() -> {
            Pod pod = find(request, TopologyType.POD, cluster::pods);
            client.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .delete();
            return new ControlResponse(null, null, null, false, null, request.nodeId());
        });
    }

    /**
     * The object's current YAML, fetched with the probe's own API configuration, in a pipe that
     * stays open until the UI closes it (as Scope's did).
     */
    private ControlResponse describe(ControlRequest request) {
        return run(() -> {
            HasMetadata object = findAny(request.nodeId());
            HasMetadata fresh = client.resource(object).get();
            if (fresh == null) {
                throw new ControlException(
                        kind(object) + " " + object.getMetadata().getName() + " is gone");
            }
            fresh.getMetadata().setManagedFields(null);
            byte[] yaml = Serialization.asYaml(fresh).getBytes(StandardCharsets.UTF_8);
            // held open after the text: the UI connects after this answer, and a pipe closed
            // before it does loses what it held (see HeldOpenText)
            String pipe = pipes.open(request.appId(), new ReadOnlyEnd(new HeldOpenText(yaml), () -> {}), () -> {});
            return new ControlResponse(null, null, pipe, false, null, null);
        });
    }

    /** Scope's scale: GET the scale subresource, PUT it back with one replica more or less. */
    private ControlResponse scale(ControlRequest request, int delta) {
        return run(() -> {
            Deployment deployment = find(request, TopologyType.DEPLOYMENT, cluster::deployments);
            var resource = client.apps()
                    .deployments()
                    .inNamespace(deployment.getMetadata().getNamespace())
                    .withName(deployment.getMetadata().getName());
            Scale scale = resource.scale();
            int replicas =
                    scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
            if (replicas + delta < 0) {
                throw new ControlException(
                        "deployment " + deployment.getMetadata().getName() + " has no replica" + " to scale down");
            }
            scale.getSpec().setReplicas(replicas + delta);
            resource.scale(scale);
            return ControlResponse.empty();
        });
    }

    /** Scope's cordon: GET the node, then a strategic-merge patch of spec.unschedulable. */
    private ControlResponse cordon(ControlRequest request, boolean unschedulable) {
        return run(() -> {
            String name = NodeIds.parseHostId(request.nodeId())
                    .orElseThrow(() -> new ControlException("not a host node: " + request.nodeId()));
            // fabric8 reads the node first (a 404 says it is gone), as Scope's probe did
            client.nodes()
                    .withName(name)
                    .patch(
                            PatchContext.of(PatchType.STRATEGIC_MERGE),
                            "{\"spec\":{\"unschedulable\":" + (unschedulable ? "true" : "null") + "}}");
            return ControlResponse.empty();
        });
    }

    /** Scope's snapshot of a claim: a VolumeSnapshot named snapshot-<time>-<n>, its capacity annotated. */
    private ControlResponse createSnapshot(ControlRequest request) {
        return run(() -> {
            PersistentVolumeClaim claim =
                    find(request, TopologyType.PERSISTENT_VOLUME_CLAIM, cluster::persistentVolumeClaims);
            GenericKubernetesResource snapshot = new GenericKubernetesResource();
            snapshot.setApiVersion(ClusterInformers.SNAPSHOT_GROUP + "/v1");
            snapshot.setKind("VolumeSnapshot");
            snapshot.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName("snapshot-" + SNAPSHOT_TIME.format(clock.instant()) + "-"
                            + ThreadLocalRandom.current().nextInt(10_000))
                    .withNamespace(claim.getMetadata().getNamespace())
                    .withAnnotations(Map.of("capacity", ObjectNodes.capacity(claim)))
                    .build());
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("persistentVolumeClaimName", claim.getMetadata().getName());
            spec.put("snapshotDataName", "");
            snapshot.setAdditionalProperty("spec", spec);
            client.genericKubernetesResources(ClusterInformers.VOLUME_SNAPSHOTS)
                    .inNamespace(claim.getMetadata().getNamespace())
                    .resource(snapshot)
                    .create();
            return ControlResponse.empty();
        });
    }

    /** Scope's clone: a new claim restored from the snapshot by the snapshot-promoter class. */
    private ControlResponse cloneSnapshot(ControlRequest request) {
        return run(() -> {
            GenericKubernetesResource snapshot = find(request, TopologyType.VOLUME_SNAPSHOT, cluster::volumeSnapshots);
            String capacity = Optional.ofNullable(snapshot.getMetadata().getAnnotations())
                    .map(a -> a.get("capacity"))
                    .orElseThrow(() -> new ControlException("snapshot "
                            + snapshot.getMetadata().getName() + " has no capacity annotation; cannot size its clone"));
            PersistentVolumeClaim clone = new PersistentVolumeClaimBuilder()
                    .withNewMetadata()
                    .withName("clone-" + snapshot.getMetadata().getName() + "-"
                            + ThreadLocalRandom.current().nextInt(10_000))
                    .withNamespace(snapshot.getMetadata().getNamespace())
                    .withAnnotations(Map.of(
                            "snapshot.alpha.kubernetes.io/snapshot",
                            snapshot.getMetadata().getName()))
                    .endMetadata()
                    .withNewSpec()
                    .withStorageClassName("snapshot-promoter")
                    .withAccessModes("ReadWriteOnce")
                    .withNewResources()
                    .withRequests(Map.of("storage", new Quantity(capacity)))
                    .endResources()
                    .endSpec()
                    .build();
            client.persistentVolumeClaims().resource(clone).create();
            return ControlResponse.empty();
        });
    }

    private ControlResponse deleteSnapshot(ControlRequest request) {
        return run(() -> {
            GenericKubernetesResource snapshot = find(request, TopologyType.VOLUME_SNAPSHOT, cluster::volumeSnapshots);
            client.genericKubernetesResources(ClusterInformers.VOLUME_SNAPSHOTS)
                    .inNamespace(snapshot.getMetadata().getNamespace())
                    .withName(snapshot.getMetadata().getName())
                    .delete();
            return new ControlResponse(null, null, null, false, null, request.nodeId());
        });
    }

    private static <T extends HasMetadata> T find(
            ControlRequest request, TopologyType type, Supplier<List<T>> objects) {
        String uid = NodeIds.parseId(type, request.nodeId())
                .orElseThrow(() -> new ControlException("not a " + type.topologyName() + " node: " + request.nodeId()));
        return objects.get().stream()
                .filter(o -> uid.equals(o.getMetadata().getUid()))
                .findFirst()
                .orElseThrow(() -> new ControlException(type.topologyName() + " " + uid + " not found (deleted?)"));
    }

    /** Any reported object, by the topology in its node id. */
    private HasMetadata findAny(String nodeId) {
        ControlRequest byId = new ControlRequest("", nodeId, KubernetesTopologies.DESCRIBE, null);
        Map<TopologyType, Supplier<List<? extends HasMetadata>>> kinds = new LinkedHashMap<>();
        kinds.put(TopologyType.POD, cluster::pods);
        kinds.put(TopologyType.SERVICE, cluster::services);
        kinds.put(TopologyType.DEPLOYMENT, cluster::deployments);
        kinds.put(TopologyType.DAEMON_SET, cluster::daemonSets);
        kinds.put(TopologyType.STATEFUL_SET, cluster::statefulSets);
        kinds.put(TopologyType.CRON_JOB, cluster::cronJobs);
        kinds.put(TopologyType.JOB, cluster::jobs);
        kinds.put(TopologyType.PERSISTENT_VOLUME, cluster::persistentVolumes);
        kinds.put(TopologyType.PERSISTENT_VOLUME_CLAIM, cluster::persistentVolumeClaims);
        kinds.put(TopologyType.STORAGE_CLASS, cluster::storageClasses);
        kinds.put(TopologyType.VOLUME_SNAPSHOT, cluster::volumeSnapshots);
        kinds.put(TopologyType.VOLUME_SNAPSHOT_DATA, cluster::volumeSnapshotData);
        for (var kind : kinds.entrySet()) {
            if (NodeIds.parseId(kind.getKey(), nodeId).isPresent()) {
                List<? extends HasMetadata> objects = kind.getValue().get();
                return find(byId, kind.getKey(), () -> List.copyOf(objects));
            }
        }
        throw new ControlException("cannot describe " + nodeId + ": not a Kubernetes object");
    }

    private static String kind(HasMetadata object) {
        return object.getKind() == null ? object.getClass().getSimpleName() : object.getKind();
    }

    private static ControlResponse run(Supplier<ControlResponse> action) {
        try {
            return action.get();
        } catch (ControlException e) {
            return ControlResponse.error(e.getMessage());
        } catch (KubernetesClientException e) {
            log.warn("Kubernetes control failed: {}", e.getMessage());
            return ControlResponse.error(
                    e.getStatus() != null && e.getStatus().getMessage() != null
                            ? e.getStatus().getMessage()
                            : e.getMessage());
        }
    }

    /** A control's answer to bad input, said to the user. */
    private static final class ControlException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ControlException(String message) {
            super(message);
        }
    }

    /** A pipe end that only prints (logs, describe); what the UI types is dropped. */
    private record ReadOnlyEnd(InputStream output, Runnable onClose) implements PipeEnd {
        @Override
        public void write(byte[] data, int offset, int length) {}

        @Override
        public void close() {
            try {
                output.close();
            } catch (java.io.IOException e) {
                log.debug("closing a Kubernetes pipe: {}", e.toString());
            }
            onClose.run();
        }
    }
}
