package io.scopecloud.probe.kubernetes;

import io.scopecloud.report.Control;
import io.scopecloud.report.MetadataTemplate;
import io.scopecloud.report.MetricTemplate;
import io.scopecloud.report.TableTemplate;
import io.scopecloud.report.Topology;
import io.scopecloud.report.TopologyType;

/**
 * The Kubernetes topologies' templates and controls, as Scope 1.13's reporter declares them
 * (probe/kubernetes/reporter.go): every full report carries them, nodes or not.
 */
public final class KubernetesTopologies {
    public static final String GET_LOGS = "kubernetes_get_logs";
    public static final String DELETE_POD = "kubernetes_delete_pod";
    public static final String DESCRIBE = "kubernetes_describe";
    public static final String SCALE_UP = "kubernetes_scale_up";
    public static final String SCALE_DOWN = "kubernetes_scale_down";
    public static final String CORDON = "kubernetes_cordon_node";
    public static final String UNCORDON = "kubernetes_uncordon_node";
    public static final String CREATE_SNAPSHOT = "kubernetes_create_volume_snapshot";
    public static final String CLONE_SNAPSHOT = "kubernetes_clone_volume_snapshot";
    public static final String DELETE_SNAPSHOT = "kubernetes_delete_volume_snapshot";

    static final Control DESCRIBE_CONTROL = new Control(DESCRIBE, "Describe", "fa fa-file-text", 2);

    private static final String LATEST = "latest";
    private static final String COUNTERS = "counters";

    private KubernetesTopologies() {}

    private static MetadataTemplate meta(String id, String label, String dataType, double priority) {
        return new MetadataTemplate(id, label, 0, dataType, priority, LATEST);
    }

    private static MetadataTemplate meta(String id, String label, double priority) {
        return meta(id, label, "", priority);
    }

    private static MetadataTemplate pods(double priority) {
        return new MetadataTemplate("pod", "# Pods", 0, "number", priority, COUNTERS);
    }

    private static Topology.Builder base(TopologyType type) {
        return Topology.builder(type)
                .tableTemplate(new TableTemplate(
                        ObjectNodes.LABEL_PREFIX,
                        "Kubernetes labels",
                        ObjectNodes.LABEL_PREFIX,
                        TableTemplate.PROPERTY_LIST,
                        null,
                        null))
                .control(DESCRIBE_CONTROL);
    }

    private static Topology.Builder withMetrics(Topology.Builder t) {
        return t.metricTemplate(new MetricTemplate("docker_cpu_total_usage", "CPU", "percent", "", 1))
                .metricTemplate(new MetricTemplate("docker_memory_usage", "Memory", "filesize", "", 2));
    }

    /** The topology of {@code type} with Scope's templates and controls and no nodes. */
    public static Topology.Builder builder(TopologyType type) {
        return switch (type) {
            case POD ->
                withMetrics(base(type))
                        .metadataTemplate(meta(ObjectNodes.STATE, "State", 2))
                        .metadataTemplate(meta(ObjectNodes.IP, "IP", "ip", 3))
                        .metadataTemplate(new MetadataTemplate("container", "# Containers", 0, "number", 4, COUNTERS))
                        .metadataTemplate(meta(ObjectNodes.NAMESPACE, "Namespace", 5))
                        .metadataTemplate(meta(ObjectNodes.CREATED, "Created", "datetime", 6))
                        .metadataTemplate(meta(ObjectNodes.RESTART_COUNT, "Restart #", 7))
                        .control(new Control(GET_LOGS, "Get logs", "fa fa-desktop", 0))
                        .control(new Control(
                                DELETE_POD,
                                "Delete",
                                "far fa-trash-alt",
                                "Are you sure you want to delete this pod?",
                                3,
                                ""));
            case SERVICE ->
                withMetrics(base(type))
                        .metadataTemplate(meta(ObjectNodes.NAMESPACE, "Namespace", 2))
                        .metadataTemplate(meta(ObjectNodes.CREATED, "Created", "datetime", 3))
                        .metadataTemplate(meta(ObjectNodes.PUBLIC_IP, "Public IP", "ip", 4))
                        .metadataTemplate(meta(ObjectNodes.IP, "Internal IP", "ip", 5))
                        .metadataTemplate(pods(6))
                        .metadataTemplate(meta(ObjectNodes.TYPE, "Type", 7))
                        .metadataTemplate(meta(ObjectNodes.PORTS, "Ports", 8));
            case DEPLOYMENT ->
                controller(type)
                        .metadataTemplate(meta(ObjectNodes.OBSERVED_GENERATION, "Observed gen.", "number", 4))
                        .metadataTemplate(meta(ObjectNodes.DESIRED_REPLICAS, "Desired replicas", "number", 5))
                        .metadataTemplate(pods(6))
                        .metadataTemplate(meta(ObjectNodes.STRATEGY, "Strategy", 7))
                        .control(new Control(SCALE_UP, "Scale up", "fa fa-plus", 1))
                        .control(new Control(SCALE_DOWN, "Scale down", "fa fa-minus", 0));
            case DAEMON_SET ->
                controller(type)
                        .metadataTemplate(meta(ObjectNodes.DESIRED_REPLICAS, "Desired replicas", "number", 4))
                        .metadataTemplate(pods(5));
            case STATEFUL_SET ->
                controller(type)
                        .metadataTemplate(meta(ObjectNodes.OBSERVED_GENERATION, "Observed gen.", "number", 4))
                        .metadataTemplate(meta(ObjectNodes.DESIRED_REPLICAS, "Desired replicas", "number", 5))
                        .metadataTemplate(pods(6));
            case CRON_JOB ->
                controller(type)
                        .metadataTemplate(meta(ObjectNodes.SCHEDULE, "Schedule", 4))
                        .metadataTemplate(meta(ObjectNodes.LAST_SCHEDULED, "Last scheduled", "datetime", 5))
                        .metadataTemplate(meta(ObjectNodes.SUSPENDED, "Suspended", 6))
                        .metadataTemplate(meta(ObjectNodes.ACTIVE_JOBS, "# Jobs", "number", 7))
                        .metadataTemplate(pods(8));
            case JOB ->
                withMetrics(base(type))
                        .metadataTemplate(meta(ObjectNodes.NODE_TYPE, "Type", 1))
                        .metadataTemplate(meta(ObjectNodes.NAME, "Name", 2))
                        .metadataTemplate(meta(ObjectNodes.NAMESPACE, "Namespace", 3))
                        .metadataTemplate(meta(ObjectNodes.CREATED, "Created", "datetime", 4))
                        .metadataTemplate(pods(5));
            case PERSISTENT_VOLUME ->
                base(type)
                        .metadataTemplate(meta(ObjectNodes.NODE_TYPE, "Type", 1))
                        .metadataTemplate(meta(ObjectNodes.VOLUME_CLAIM, "Volume claim", 2))
                        .metadataTemplate(meta(ObjectNodes.STORAGE_CLASS_NAME, "Storage class", 3))
                        .metadataTemplate(meta(ObjectNodes.ACCESS_MODES, "Access modes", 5))
                        .metadataTemplate(meta(ObjectNodes.STATUS, "Status", 6))
                        .metadataTemplate(meta(ObjectNodes.STORAGE_DRIVER, "Storage driver", 7));
            case PERSISTENT_VOLUME_CLAIM ->
                base(type)
                        .metadataTemplate(meta(ObjectNodes.NODE_TYPE, "Type", 1))
                        .metadataTemplate(meta(ObjectNodes.NAMESPACE, "Namespace", 2))
                        .metadataTemplate(meta(ObjectNodes.STATUS, "Status", 3))
                        .metadataTemplate(meta(ObjectNodes.VOLUME_NAME, "Volume", 4))
                        .metadataTemplate(meta(ObjectNodes.STORAGE_CLASS_NAME, "Storage class", 5))
                        .metadataTemplate(meta(ObjectNodes.VOLUME_CAPACITY, "Capacity", 6))
                        .control(new Control(CREATE_SNAPSHOT, "Create snapshot", "fa fa-camera", 0));
            case STORAGE_CLASS ->
                base(type)
                        .metadataTemplate(meta(ObjectNodes.NODE_TYPE, "Type", 1))
                        .metadataTemplate(meta(ObjectNodes.NAME, "Name", 2))
                        .metadataTemplate(meta(ObjectNodes.PROVISIONER, "Provisioner", 3));
            case VOLUME_SNAPSHOT ->
                base(type)
                        .metadataTemplate(meta(ObjectNodes.NODE_TYPE, "Type", 1))
                        .metadataTemplate(meta(ObjectNodes.NAMESPACE, "Name", 2))
                        .metadataTemplate(meta(ObjectNodes.VOLUME_CLAIM, "Persistent volume claim", 3))
                        .metadataTemplate(meta(ObjectNodes.SNAPSHOT_DATA, "Volume snapshot data", 4))
                        .control(new Control(CLONE_SNAPSHOT, "Clone snapshot", "far fa-clone", 0))
                        .control(new Control(DELETE_SNAPSHOT, "Delete", "far fa-trash-alt", 1));
            case VOLUME_SNAPSHOT_DATA ->
                base(type)
                        .metadataTemplate(meta(ObjectNodes.NODE_TYPE, "Type", 1))
                        .metadataTemplate(meta(ObjectNodes.VOLUME_NAME, "Persistent volume", 2))
                        .metadataTemplate(meta(ObjectNodes.VOLUME_SNAPSHOT_NAME, "Volume snapshot", 3));
            case NAMESPACE -> Topology.builder(type);
            default -> throw new IllegalArgumentException("not a Kubernetes topology: " + type);
        };
    }

    /** The Host topology's cordon controls, run by this (cluster-role) probe whoever reports the host. */
    public static Topology.Builder host(String probeId) {
        return Topology.builder(TopologyType.HOST)
                .control(new Control(CORDON, "Cordon", "fa fa-toggle-off", "", 1, probeId))
                .control(new Control(UNCORDON, "Uncordon", "fa fa-toggle-on", "", 0, probeId));
    }

    /** Deployments, daemonsets, statefulsets and cronjobs share Type, Namespace and Created. */
    private static Topology.Builder controller(TopologyType type) {
        return withMetrics(base(type))
                .metadataTemplate(meta(ObjectNodes.NODE_TYPE, "Type", 1))
                .metadataTemplate(meta(ObjectNodes.NAMESPACE, "Namespace", 2))
                .metadataTemplate(meta(ObjectNodes.CREATED, "Created", "datetime", 3));
    }
}
