package io.scopecloud.query.render;

/** The report keys rendering reads (Scope's {@code report/map_keys.go} and friends). */
public final class Keys {
    public static final String COUNTER_PREFIX = "count_";
    private static final java.util.concurrent.ConcurrentHashMap<String, String> COUNTERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code count_<topology>}, made once per topology name (rendering asks for it per node). */
    public static String counter(String topology) {
        String key = COUNTERS.get(topology);
        if (key == null) {
            key = COUNTER_PREFIX + topology;
            if (COUNTERS.size() < 1_000) {
                COUNTERS.put(topology, key);
            }
        }
        return key;
    }

    public static final String ACTIVE_CONTROLS = "active_controls";
    public static final String CONTROL_PROBE_ID = "control_probe_id";
    public static final String HOST_NODE_ID = "host_node_id";
    public static final String COPY_OF = "copy_of";
    public static final String CONNECTION_COUNT = "conn_count";
    public static final String PID = "pid";
    public static final String NAME = "name";
    public static final String CMDLINE = "cmdline";
    public static final String DOES_NOT_MAKE_CONNECTIONS = "does_not_make_connections";
    public static final String DOCKER_CONTAINER_ID = "docker_container_id";
    public static final String DOCKER_CONTAINER_NAME = "docker_container_name";
    public static final String DOCKER_CONTAINER_STATE = "docker_container_state";
    public static final String DOCKER_CONTAINER_HOSTNAME = "docker_container_hostname";
    public static final String DOCKER_CONTAINER_COMMAND = "docker_container_command";
    public static final String DOCKER_CONTAINER_IPS_WITH_SCOPES = "docker_container_ips_with_scopes";
    public static final String DOCKER_CONTAINER_PORTS = "docker_container_ports";
    public static final String DOCKER_IS_IN_HOST_NETWORK = "docker_is_in_host_network";
    public static final String DOCKER_IMAGE_ID = "docker_image_id";
    public static final String DOCKER_IMAGE_NAME = "docker_image_name";
    public static final String DOCKER_IMAGE_TAG = "docker_image_tag";
    public static final String DOCKER_IMAGE_SIZE = "docker_image_size";
    public static final String DOCKER_IMAGE_VIRTUAL_SIZE = "docker_image_virtual_size";
    public static final String DOCKER_LABEL_PREFIX = "docker_label_";
    public static final String DOCKER_IMAGE_LABEL_PREFIX = "docker_image_label_";
    public static final String DOCKER_ENV_PREFIX = "docker_env_";
    public static final String DOCKER_SERVICE_NAME = "service_name";
    public static final String DOCKER_STACK_NAMESPACE = "stack_namespace";
    public static final String DOCKER_DEFAULT_NAMESPACE = "No stack";
    public static final String DOCKER_CPU_TOTAL_USAGE = "docker_cpu_total_usage";
    public static final String DOCKER_MEMORY_USAGE = "docker_memory_usage";
    public static final String PROCESS_CPU_USAGE = "process_cpu_usage_percent";
    public static final String PROCESS_MEMORY_USAGE = "process_memory_usage_bytes";
    public static final String KUBERNETES_NAME = "kubernetes_name";
    public static final String KUBERNETES_NAMESPACE = "kubernetes_namespace";
    public static final String KUBERNETES_STATE = "kubernetes_state";
    public static final String KUBERNETES_IP = "kubernetes_ip";
    public static final String KUBERNETES_IS_IN_HOST_NETWORK = "kubernetes_is_in_host_network";
    public static final String KUBERNETES_VOLUME_CLAIM = "kubernetes_volume_claim";
    public static final String KUBERNETES_VOLUME_NAME = "kubernetes_volume_name";
    public static final String KUBERNETES_STORAGE_CLASS_NAME = "kubernetes_storage_class_name";
    public static final String KUBERNETES_SNAPSHOT_DATA = "kuberneets_snapshot_data"; // sic, as in Scope
    public static final String ECS_TASK_FAMILY = "ecs_task_family";
    public static final String ECS_CREATED_AT = "ecs_created_at";
    public static final String HOST_LOCAL_NETWORKS = "local_networks";
    public static final String HOST_NAME = "host_name";
    public static final String SCOPE_VERSION = "host_scope_version";
    public static final String WEAVE_PEER_NICK_NAME = "weave_peer_nick_name";
    public static final String STATE_RUNNING = "running";
    public static final String STATE_RESTARTING = "restarting";
    public static final String STATE_PAUSED = "paused";
    public static final String STATE_DELETED = "deleted";
    public static final String STATE_FAILED = "Failed";

    private Keys() {}
}
