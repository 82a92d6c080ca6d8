package io.scopecloud.report;

import java.util.Optional;

/**
 * The 23 topologies of a Scope report, in the order Scope writes them. Each knows its report key (GoCase, e.g.
 * {@code ReplicaSet}), its topology name (used in {@code Node.topology} and as a {@code parents} key, e.g.
 * {@code replica_set}), the tag of its single-component node IDs (e.g. {@code <daemonset>}, spelled differently
 * from {@code daemon_set}) and the defaults the app decodes into (shape, tag, label, label_plural).
 */
public enum TopologyType {
    ENDPOINT("Endpoint", "endpoint", "", "", "", "", ""),
    PROCESS("Process", "process", "", "square", "", "process", "processes"),
    CONTAINER("Container", "container", "container", "hexagon", "", "container", "containers"),
    POD("Pod", "pod", "pod", "heptagon", "", "pod", "pods"),
    SERVICE("Service", "service", "service", "heptagon", "", "service", "services"),
    DEPLOYMENT("Deployment", "deployment", "deployment", "heptagon", "", "deployment", "deployments"),
    REPLICA_SET("ReplicaSet", "replica_set", "replica_set", "triangle", "", "replica set", "replica sets"),
    DAEMON_SET("DaemonSet", "daemon_set", "daemonset", "pentagon", "", "daemonset", "daemonsets"),
    STATEFUL_SET("StatefulSet", "stateful_set", "statefulset", "octagon", "", "stateful set", "stateful sets"),
    CRON_JOB("CronJob", "cron_job", "cronjob", "triangle", "", "cron job", "cron jobs"),
    NAMESPACE("Namespace", "namespace", "namespace", "", "", "", ""),
    CONTAINER_IMAGE("ContainerImage", "container_image", "container_image", "hexagon", "", "image", "images"),
    HOST("Host", "host", "host", "circle", "", "host", "hosts"),
    ECS_TASK("ECSTask", "ecs_task", "ecs_task", "heptagon", "", "task", "tasks"),
    ECS_SERVICE("ECSService", "ecs_service", "ecs_service", "heptagon", "", "service", "services"),
    SWARM_SERVICE("SwarmService", "swarm_service", "swarm_service", "heptagon", "", "service", "services"),
    OVERLAY("Overlay", "overlay", "", "circle", "", "peer", "peers"),
    PERSISTENT_VOLUME(
            "PersistentVolume",
            "persistent_volume",
            "persistent_volume",
            "cylinder",
            "",
            "persistent volume",
            "persistent volumes"),
    PERSISTENT_VOLUME_CLAIM(
            "PersistentVolumeClaim",
            "persistent_volume_claim",
            "persistent_volume_claim",
            "dottedcylinder",
            "",
            "persistent volume claim",
            "persistent volume claims"),
    STORAGE_CLASS("StorageClass", "storage_class", "storage_class", "sheet", "", "storage class", "storage classes"),
    VOLUME_SNAPSHOT(
            "VolumeSnapshot",
            "volume_snapshot",
            "volume_snapshot",
            "dottedcylinder",
            "camera",
            "volume snapshot",
            "volume snapshots"),
    VOLUME_SNAPSHOT_DATA(
            "VolumeSnapshotData",
            "volume_snapshot_data",
            "volume_snapshot_data",
            "cylinder",
            "camera",
            "volume snapshot data",
            "volume snapshot data"),
    JOB("Job", "job", "job", "dottedtriangle", "", "job", "jobs");

    private static final TopologyType[] VALUES = values();

    /**
     * This type, as the lookups by name answer it: one instance, where an {@code Optional.of} per call was 1.4 % of what
     * a query instance allocated (summaries look up every parent topology of every node they render).
     */
    private final Optional<TopologyType> asOptional = Optional.of(this);

    private final String reportKey;
    private final String topologyName;
    private final String idTag;
    private final String defaultShape;
    private final String defaultTag;
    private final String defaultLabel;
    private final String defaultLabelPlural;

    TopologyType(
            String reportKey,
            String topologyName,
            String idTag,
            String defaultShape,
            String defaultTag,
            String defaultLabel,
            String defaultLabelPlural) {
        this.reportKey = reportKey;
        this.topologyName = topologyName;
        this.idTag = idTag;
        this.defaultShape = defaultShape;
        this.defaultTag = defaultTag;
        this.defaultLabel = defaultLabel;
        this.defaultLabelPlural = defaultLabelPlural;
    }

    /** The key in a report ("Endpoint", "ReplicaSet", ...). */
    public String reportKey() {
        return reportKey;
    }

    /** The name in {@code Node.topology} and {@code parents} ("endpoint", "replica_set", ...). */
    public String topologyName() {
        return topologyName;
    }

    /**
     * The tag of this topology's single-component node IDs ({@code <id>;<tag>}), without angle brackets, or "" when
     * its IDs have another form (endpoint, process, overlay). Note {@code daemonset}, {@code statefulset},
     * {@code cronjob}. Host IDs are {@code <hostname>;<host>}.
     */
    public String idTag() {
        return idTag;
    }

    public String defaultShape() {
        return defaultShape;
    }

    public String defaultTag() {
        return defaultTag;
    }

    public String defaultLabel() {
        return defaultLabel;
    }

    public String defaultLabelPlural() {
        return defaultLabelPlural;
    }

    public static Optional<TopologyType> fromTopologyName(String name) {
        for (TopologyType t : VALUES) {
            if (t.topologyName.equals(name)) {
                return t.asOptional;
            }
        }
        return Optional.empty();
    }

    public static Optional<TopologyType> fromReportKey(String key) {
        for (TopologyType t : VALUES) {
            if (t.reportKey.equals(key)) {
                return t.asOptional;
            }
        }
        return Optional.empty();
    }
}
