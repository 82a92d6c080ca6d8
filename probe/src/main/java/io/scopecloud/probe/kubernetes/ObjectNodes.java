package io.scopecloud.probe.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.scopecloud.report.Node;
import io.scopecloud.report.TopologyType;
import io.scopecloud.report.id.NodeIds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One Kubernetes object → one report node, with Scope 1.13's ids and latest keys
 * (probe/kubernetes/{meta,pod,service,deployment,...}.go). Values are formatted as Go formats them.
 */
public final class ObjectNodes {
    public static final String LABEL_PREFIX = "kubernetes_labels_";
    public static final String NAME = "kubernetes_name";
    public static final String NAMESPACE = "kubernetes_namespace";
    public static final String CREATED = "kubernetes_created";
    public static final String STATE = "kubernetes_state";
    public static final String IP = "kubernetes_ip";
    public static final String PUBLIC_IP = "kubernetes_public_ip";
    public static final String RESTART_COUNT = "kubernetes_restart_count";
    public static final String VOLUME_CLAIM = "kubernetes_volume_claim";
    public static final String IS_IN_HOST_NETWORK = "kubernetes_is_in_host_network";
    public static final String TYPE = "kubernetes_type";
    public static final String PORTS = "kubernetes_ports";
    public static final String NODE_TYPE = "kubernetes_node_type";
    public static final String OBSERVED_GENERATION = "kubernetes_observed_generation";
    public static final String DESIRED_REPLICAS = "kubernetes_desired_replicas";
    public static final String REPLICAS = "kubernetes_replicas";
    public static final String UPDATED_REPLICAS = "kubernetes_updated_replicas";
    public static final String AVAILABLE_REPLICAS = "kubernetes_available_replicas";
    public static final String UNAVAILABLE_REPLICAS = "kubernetes_unavailable_replicas";
    public static final String MISSCHEDULED_REPLICAS = "kubernetes_misscheduled_replicas";
    public static final String STRATEGY = "kubernetes_strategy";
    public static final String SCHEDULE = "kubernetes_schedule";
    public static final String SUSPENDED = "kubernetes_suspended";
    public static final String LAST_SCHEDULED = "kubernetes_last_scheduled";
    public static final String ACTIVE_JOBS = "kubernetes_active_jobs";
    public static final String STATUS = "kubernetes_status";
    public static final String ACCESS_MODES = "kubernetes_access_modes";
    public static final String STORAGE_CLASS_NAME = "kubernetes_storage_class_name";
    public static final String STORAGE_DRIVER = "kubernetes_storage_driver";
    public static final String VOLUME_NAME = "kubernetes_volume_name";
    public static final String VOLUME_CAPACITY = "kubernetes_volume_capacity";
    public static final String PROVISIONER = "kubernetes_provisioner";
    /** Scope's key, misspelt as Scope spells it. */
    public static final String SNAPSHOT_DATA = "kuberneets_snapshot_data";

    public static final String VOLUME_SNAPSHOT_NAME = "kubernetes_volume_snapshot_name";
    public static final String CONTROL_PROBE_ID = "control_probe_id";
    public static final String DELETED = "deleted";

    /** A PVC's class before spec.storageClassName existed. */
    private static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";

    /**
     * PersistentVolumeSource's fields in Go's order, by their Go names: Scope reports the name of
     * the one that is set as the storage driver (CSI volumes: the driver's name).
     */
    private static final Map<String, Function<PersistentVolumeSpec, Object>> VOLUME_SOURCES = volumeSources();

    private final String probeId;
    private final Instant now;

    public ObjectNodes(String probeId, Instant now) {
        this.probeId = Objects.requireNonNull(probeId, "probeId is null");
        this.now = Objects.requireNonNull(now, "now is null");
    }

    /** A pod; {@code parents} come from the selectors of the objects that match it. */
    public Node pod(Pod pod, Map<String, List<String>> parents) {
        Node.Builder node = meta(TopologyType.POD, pod);
        var status = pod.getStatus();
        latest(node, STATE, status == null ? "" : nullToEmpty(status.getPhase()));
        latest(node, IP, status == null ? "" : nullToEmpty(status.getPodIP()));
        latest(node, CONTROL_PROBE_ID, probeId);
        latest(node, RESTART_COUNT, Long.toString(restarts(pod)));
        List<String> claims = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getVolumes() != null) {
            for (Volume volume : pod.getSpec().getVolumes()) {
                if (volume.getPersistentVolumeClaim() != null) {
                    claims.add(volume.getPersistentVolumeClaim().getClaimName());
                }
            }
        }
        if (!claims.isEmpty()) {
            latest(node, VOLUME_CLAIM, String.join(NodeIds.DELIM, claims));
        }
        if (pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            latest(node, IS_IN_HOST_NETWORK, "true");
        }
        parents.forEach(node::parents);
        return activeControls(
                        node,
                        KubernetesTopologies.GET_LOGS,
                        KubernetesTopologies.DELETE_POD,
                        KubernetesTopologies.DESCRIBE)
                .build();
    }

    /** What Scope's shortcut report says of a pod that is gone. */
    public Node deletedPod(String uid) {
        return Node.builder(NodeIds.makeId(TopologyType.POD, uid), TopologyType.POD.topologyName())
                .latest(STATE, now, DELETED)
                .build();
    }

    private static long restarts(Pod pod) {
        long total = 0;
        if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                total += status.getRestartCount() == null ? 0 : status.getRestartCount();
            }
        }
        return total;
    }

    public Node service(Service service) {
        Node.Builder node = meta(TopologyType.SERVICE, service);
        var spec = service.getSpec();
        latest(node, IP, nullToEmpty(spec.getClusterIP()));
        latest(node, TYPE, nullToEmpty(spec.getType()));
        latest(node, CONTROL_PROBE_ID, probeId);
        if (spec.getLoadBalancerIP() != null && !spec.getLoadBalancerIP().isEmpty()) {
            latest(node, PUBLIC_IP, spec.getLoadBalancerIP());
        }
        if (spec.getPorts() != null && !spec.getPorts().isEmpty()) {
            List<String> ports = new ArrayList<>();
            for (ServicePort port : spec.getPorts()) {
                String protocol = nullToEmpty(port.getProtocol());
                Integer nodePort = port.getNodePort();
                ports.add(
                        nodePort == null || nodePort == 0
                                ? port.getPort() + "/" + protocol
                                : port.getPort() + ":" + nodePort + "/" + protocol);
            }
            latest(node, PORTS, String.join(",", ports));
        }
        return activeControls(node, KubernetesTopologies.DESCRIBE).build();
    }

    public Node deployment(Deployment deployment) {
        Node.Builder node = meta(TopologyType.DEPLOYMENT, deployment);
        var spec = deployment.getSpec();
        var status = deployment.getStatus();
        latest(node, NODE_TYPE, "Deployment");
        latest(node, OBSERVED_GENERATION, number(status == null ? null : status.getObservedGeneration()));
        latest(
                node,
                DESIRED_REPLICAS,
                spec.getReplicas() == null ? "1" : spec.getReplicas().toString());
        latest(node, REPLICAS, number(status == null ? null : status.getReplicas()));
        latest(node, UPDATED_REPLICAS, number(status == null ? null : status.getUpdatedReplicas()));
        latest(node, AVAILABLE_REPLICAS, number(status == null ? null : status.getAvailableReplicas()));
        latest(node, UNAVAILABLE_REPLICAS, number(status == null ? null : status.getUnavailableReplicas()));
        latest(
                node,
                STRATEGY,
                spec.getStrategy() == null ? "" : nullToEmpty(spec.getStrategy().getType()));
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(
                        node,
                        KubernetesTopologies.SCALE_UP,
                        KubernetesTopologies.SCALE_DOWN,
                        KubernetesTopologies.DESCRIBE)
                .build();
    }

    public Node daemonSet(DaemonSet daemonSet) {
        Node.Builder node = meta(TopologyType.DAEMON_SET, daemonSet);
        var status = daemonSet.getStatus();
        latest(node, NODE_TYPE, "DaemonSet");
        latest(node, DESIRED_REPLICAS, number(status == null ? null : status.getDesiredNumberScheduled()));
        latest(node, REPLICAS, number(status == null ? null : status.getCurrentNumberScheduled()));
        latest(node, MISSCHEDULED_REPLICAS, number(status == null ? null : status.getNumberMisscheduled()));
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(node, KubernetesTopologies.DESCRIBE).build();
    }

    public Node statefulSet(StatefulSet statefulSet) {
        Node.Builder node = meta(TopologyType.STATEFUL_SET, statefulSet);
        var spec = statefulSet.getSpec();
        var status = statefulSet.getStatus();
        latest(node, NODE_TYPE, "StatefulSet");
        latest(
                node,
                DESIRED_REPLICAS,
                spec.getReplicas() == null ? "1" : spec.getReplicas().toString());
        latest(node, REPLICAS, number(status == null ? null : status.getReplicas()));
        latest(node, OBSERVED_GENERATION, number(status == null ? null : status.getObservedGeneration()));
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(node, KubernetesTopologies.DESCRIBE).build();
    }

    public Node cronJob(CronJob cronJob) {
        Node.Builder node = meta(TopologyType.CRON_JOB, cronJob);
        var spec = cronJob.getSpec();
        var status = cronJob.getStatus();
        latest(node, NODE_TYPE, "CronJob");
        latest(node, SCHEDULE, nullToEmpty(spec.getSchedule()));
        latest(node, SUSPENDED, Boolean.toString(Boolean.TRUE.equals(spec.getSuspend())));
        if (status != null && status.getLastScheduleTime() != null) {
            latest(node, LAST_SCHEDULED, goTime(status.getLastScheduleTime()));
        }
        latest(
                node,
                ACTIVE_JOBS,
                Integer.toString(
                        status == null || status.getActive() == null
                                ? 0
                                : status.getActive().size()));
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(node, KubernetesTopologies.DESCRIBE).build();
    }

    public Node job(Job job) {
        Node.Builder node = meta(TopologyType.JOB, job);
        latest(node, NODE_TYPE, "Job");
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(node, KubernetesTopologies.DESCRIBE).build();
    }

    /** Namespaces carry their name, creation time and labels only. */
    public Node namespace(Namespace namespace) {
        ObjectMeta m = namespace.getMetadata();
        Node.Builder node =
                Node.builder(NodeIds.makeId(TopologyType.NAMESPACE, m.getUid()), TopologyType.NAMESPACE.topologyName());
        latest(node, NAME, m.getName());
        latest(node, CREATED, goTime(m.getCreationTimestamp()));
        labels(node, m);
        return node.build();
    }

    public Node persistentVolume(PersistentVolume volume) {
        Node.Builder node = meta(TopologyType.PERSISTENT_VOLUME, volume);
        PersistentVolumeSpec spec = volume.getSpec();
        latest(node, NODE_TYPE, "Persistent Volume");
        latest(
                node,
                VOLUME_CLAIM,
                spec.getClaimRef() == null ? "" : nullToEmpty(spec.getClaimRef().getName()));
        latest(node, STORAGE_CLASS_NAME, nullToEmpty(spec.getStorageClassName()));
        latest(
                node,
                STATUS,
                volume.getStatus() == null ? "" : nullToEmpty(volume.getStatus().getPhase()));
        latest(node, ACCESS_MODES, spec.getAccessModes() == null ? "" : String.join(",", spec.getAccessModes()));
        latest(node, STORAGE_DRIVER, storageDriver(spec));
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(node, KubernetesTopologies.DESCRIBE).build();
    }

    static String storageDriver(PersistentVolumeSpec spec) {
        if (spec.getCsi() != null) {
            return nullToEmpty(spec.getCsi().getDriver());
        }
        for (Map.Entry<String, Function<PersistentVolumeSpec, Object>> source : VOLUME_SOURCES.entrySet()) {
            if (source.getValue().apply(spec) != null) {
                return source.getKey();
            }
        }
        return "";
    }

    public Node persistentVolumeClaim(PersistentVolumeClaim claim) {
        Node.Builder node = meta(TopologyType.PERSISTENT_VOLUME_CLAIM, claim);
        var spec = claim.getSpec();
        latest(node, NODE_TYPE, "Persistent Volume Claim");
        latest(
                node,
                STATUS,
                claim.getStatus() == null ? "" : nullToEmpty(claim.getStatus().getPhase()));
        latest(node, VOLUME_NAME, nullToEmpty(spec.getVolumeName()));
        latest(node, STORAGE_CLASS_NAME, storageClass(claim));
        latest(node, VOLUME_CAPACITY, capacity(claim));
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(node, KubernetesTopologies.CREATE_SNAPSHOT, KubernetesTopologies.DESCRIBE)
                .build();
    }

    /** spec.storageClassName, or the older beta annotation. */
    static String storageClass(PersistentVolumeClaim claim) {
        String name = claim.getSpec().getStorageClassName();
        if (name != null && !name.isEmpty()) {
            return name;
        }
        Map<String, String> annotations = claim.getMetadata().getAnnotations();
        return annotations == null ? "" : nullToEmpty(annotations.get(BETA_STORAGE_CLASS));
    }

    /** The claim's requested storage, as Kubernetes writes the quantity ("5Gi"). */
    static String capacity(PersistentVolumeClaim claim) {
        var resources = claim.getSpec().getResources();
        if (resources == null || resources.getRequests() == null) {
            return "";
        }
        Quantity storage = resources.getRequests().get("storage");
        return storage == null ? "" : storage.toString();
    }

    public Node storageClass(StorageClass storageClass) {
        Node.Builder node = meta(TopologyType.STORAGE_CLASS, storageClass);
        latest(node, NODE_TYPE, "Storage Class");
        latest(node, PROVISIONER, nullToEmpty(storageClass.getProvisioner()));
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(node, KubernetesTopologies.DESCRIBE).build();
    }

    /** A VolumeSnapshot of {@code volumesnapshot.external-storage.k8s.io/v1} (a CRD). */
    public Node volumeSnapshot(GenericKubernetesResource snapshot) {
        Node.Builder node = meta(TopologyType.VOLUME_SNAPSHOT, snapshot);
        latest(node, NODE_TYPE, "Volume Snapshot");
        latest(node, VOLUME_CLAIM, specString(snapshot, "persistentVolumeClaimName"));
        latest(node, SNAPSHOT_DATA, specString(snapshot, "snapshotDataName"));
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(
                        node,
                        KubernetesTopologies.CLONE_SNAPSHOT,
                        KubernetesTopologies.DELETE_SNAPSHOT,
                        KubernetesTopologies.DESCRIBE)
                .build();
    }

    /** A VolumeSnapshotData of {@code volumesnapshot.external-storage.k8s.io/v1} (a CRD). */
    public Node volumeSnapshotData(GenericKubernetesResource data) {
        Node.Builder node = meta(TopologyType.VOLUME_SNAPSHOT_DATA, data);
        latest(node, NODE_TYPE, "Volume Snapshot Data");
        latest(node, VOLUME_NAME, specRefName(data, "persistentVolumeRef"));
        latest(node, VOLUME_SNAPSHOT_NAME, specRefName(data, "volumeSnapshotRef"));
        latest(node, CONTROL_PROBE_ID, probeId);
        return activeControls(node, KubernetesTopologies.DESCRIBE).build();
    }

    /** A Kubernetes node as Scope's host node, with cordon or uncordon offered. */
    public Node host(io.fabric8.kubernetes.api.model.Node node) {
        boolean unschedulable =
                node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        Node.Builder host = Node.builder(NodeIds.makeHostId(node.getMetadata().getName()), "host");
        return activeControls(host, unschedulable ? KubernetesTopologies.UNCORDON : KubernetesTopologies.CORDON)
                .build();
    }

    private static String specString(GenericKubernetesResource resource, String field) {
        Object spec = resource.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> map && map.get(field) != null) {
            return map.get(field).toString();
        }
        return "";
    }

    private static String specRefName(GenericKubernetesResource resource, String field) {
        Object spec = resource.getAdditionalProperties().get("spec");
        if (spec instanceof Map<?, ?> map && map.get(field) instanceof Map<?, ?> ref && ref.get("name") != null) {
            return ref.get("name").toString();
        }
        return "";
    }

    /** Scope's MetaNode: name, namespace (even empty), creation time and labels. */
    private Node.Builder meta(TopologyType type, HasMetadata object) {
        ObjectMeta m = object.getMetadata();
        Node.Builder node = Node.builder(NodeIds.makeId(type, m.getUid()), type.topologyName());
        latest(node, NAME, nullToEmpty(m.getName()));
        latest(node, NAMESPACE, nullToEmpty(m.getNamespace()));
        latest(node, CREATED, goTime(m.getCreationTimestamp()));
        labels(node, m);
        return node;
    }

    private void labels(Node.Builder node, ObjectMeta m) {
        if (m.getLabels() != null) {
            m.getLabels().forEach((k, v) -> latest(node, LABEL_PREFIX + k, nullToEmpty(v)));
        }
    }

    private void latest(Node.Builder node, String key, String value) {
        node.latest(key, now, value);
    }

    private Node.Builder activeControls(Node.Builder node, String... controls) {
        node.latest(Node.ACTIVE_CONTROLS, now, String.join(NodeIds.DELIM, controls));
        return node;
    }

    /** An API timestamp as Go's RFC3339Nano writes it in UTC ("" when absent). */
    static String goTime(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "";
        }
        try {
            return OffsetDateTime.parse(timestamp).toInstant().toString();
        } catch (DateTimeParseException e) {
            return timestamp;
        }
    }

    private static String number(Number n) {
        return n == null ? "0" : n.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, Function<PersistentVolumeSpec, Object>> volumeSources() {
        Map<String, Function<PersistentVolumeSpec, Object>> m = new LinkedHashMap<>();
        m.put("GCEPersistentDisk", PersistentVolumeSpec::getGcePersistentDisk);
        m.put("AWSElasticBlockStore", PersistentVolumeSpec::getAwsElasticBlockStore);
        m.put("HostPath", PersistentVolumeSpec::getHostPath);
        m.put("Glusterfs", PersistentVolumeSpec::getGlusterfs);
        m.put("NFS", PersistentVolumeSpec::getNfs);
        m.put("RBD", PersistentVolumeSpec::getRbd);
        m.put("ISCSI", PersistentVolumeSpec::getIscsi);
        m.put("Cinder", PersistentVolumeSpec::getCinder);
        m.put("CephFS", PersistentVolumeSpec::getCephfs);
        m.put("FC", PersistentVolumeSpec::getFc);
        m.put("Flocker", PersistentVolumeSpec::getFlocker);
        m.put("FlexVolume", PersistentVolumeSpec::getFlexVolume);
        m.put("AzureFile", PersistentVolumeSpec::getAzureFile);
        m.put("VsphereVolume", PersistentVolumeSpec::getVsphereVolume);
        m.put("Quobyte", PersistentVolumeSpec::getQuobyte);
        m.put("AzureDisk", PersistentVolumeSpec::getAzureDisk);
        m.put("PhotonPersistentDisk", PersistentVolumeSpec::getPhotonPersistentDisk);
        m.put("PortworxVolume", PersistentVolumeSpec::getPortworxVolume);
        m.put("ScaleIO", PersistentVolumeSpec::getScaleIO);
        m.put("Local", PersistentVolumeSpec::getLocal);
        m.put("StorageOS", PersistentVolumeSpec::getStorageos);
        return m;
    }
}
