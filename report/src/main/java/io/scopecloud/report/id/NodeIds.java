package io.scopecloud.report.id;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.TopologyType;
import java.util.Optional;

/**
 * Makes and parses Scope's node IDs (§1.6), with Go's exact splitting rules ({@code ;} is the delimiter and the
 * parsers split at the first one, as Scope's {@code split2} does), so IDs made here match those of a Go probe and
 * vice versa.
 */
public final class NodeIds {
    /** The delimiter between the parts of a node ID. */
    public static final String DELIM = ";";

    public static final String WEAVE_OVERLAY_PEER_PREFIX = "";
    public static final String DOCKER_OVERLAY_PEER_PREFIX = "docker_peer_";

    private static final String HOST_TAG = "<host>";
    private static final String LEGACY_ECS_SERVICE_TAG = "<ecs_service>";

    private NodeIds() {}

    // Endpoints and addresses.

    /** {@code <scope>;<ip>;<port>}. */
    public static String makeEndpointId(String scope, String ip, int port) {
        return requireNonNull(scope, "scope is null") + DELIM + requireNonNull(ip, "ip is null") + DELIM + port;
    }

    /**
     * The scope part of an endpoint or address ID: the host ID when the address is in the probe's local bridge
     * networks; the host ID (suffixed {@code -<netnsInode>} when known) for loopback; "" otherwise.
     */
    public static String endpointScope(String hostId, String netNamespace, String ip, boolean inLocalBridge) {
        if (inLocalBridge) {
            return hostId;
        }
        if (isLoopback(ip)) {
            return netNamespace == null || netNamespace.isEmpty() ? hostId : hostId + "-" + netNamespace;
        }
        return "";
    }

    public static Optional<EndpointId> parseEndpointId(String id) {
        int first = id.indexOf(';');
        if (first < 0) {
            return Optional.empty();
        }
        int second = id.indexOf(';', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        OptionalPort port = OptionalPort.parse(id.substring(second + 1));
        if (!port.valid) {
            return Optional.empty();
        }
        return Optional.of(new EndpointId(id.substring(0, first), id.substring(first + 1, second), port.value));
    }

    /** {@code <scope>;<ip>}. */
    public static String makeAddressId(String scope, String ip) {
        return requireNonNull(scope, "scope is null") + DELIM + requireNonNull(ip, "ip is null");
    }

    public static Optional<AddressId> parseAddressId(String id) {
        int first = id.indexOf(';');
        if (first < 0) {
            return Optional.empty();
        }
        return Optional.of(new AddressId(id.substring(0, first), id.substring(first + 1)));
    }

    // Processes and hosts.

    /** {@code <hostID>;<pid>}. */
    public static String makeProcessId(String hostId, int pid) {
        return requireNonNull(hostId, "hostId is null") + DELIM + pid;
    }

    public static Optional<ProcessId> parseProcessId(String id) {
        int first = id.indexOf(';');
        if (first < 0) {
            return Optional.empty();
        }
        String pid = id.substring(first + 1);
        if (pid.isEmpty() || pid.length() > 10) {
            return Optional.empty();
        }
        for (int i = 0; i < pid.length(); i++) {
            if (pid.charAt(i) < '0' || pid.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        long value = Long.parseLong(pid);
        if (value > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new ProcessId(id.substring(0, first), (int) value));
    }

    /** {@code <hostname>;<host>}. */
    public static String makeHostId(String hostname) {
        return requireNonNull(hostname, "hostname is null") + DELIM + HOST_TAG;
    }

    public static Optional<String> parseHostId(String id) {
        return parseTagged(id, HOST_TAG);
    }

    // Single-component IDs: <id>;<tag>.

    /**
     * {@code <id>;<tag>} for a topology whose IDs have that form ({@link TopologyType#idTag()} non-empty).
     *
     * @throws IllegalArgumentException for endpoint, process and overlay, whose IDs have other forms
     */
    public static String makeId(TopologyType type, String id) {
        requireNonNull(id, "id is null");
        if (type.idTag().isEmpty()) {
            throw new IllegalArgumentException(type + " node IDs are not of the form <id>;<tag>");
        }
        return id + DELIM + "<" + type.idTag() + ">";
    }

    /** The {@code <id>} of {@code <id>;<tag>} if {@code nodeId} has this topology's tag. */
    public static Optional<String> parseId(TopologyType type, String nodeId) {
        if (type.idTag().isEmpty()) {
            return Optional.empty();
        }
        return parseTagged(nodeId, "<" + type.idTag() + ">");
    }

    public static String makeContainerId(String containerId) {
        return makeId(TopologyType.CONTAINER, containerId);
    }

    public static Optional<String> parseContainerId(String id) {
        return parseId(TopologyType.CONTAINER, id);
    }

    public static String makeContainerImageId(String imageId) {
        return makeId(TopologyType.CONTAINER_IMAGE, imageId);
    }

    public static Optional<String> parseContainerImageId(String id) {
        return parseId(TopologyType.CONTAINER_IMAGE, id);
    }

    public static String makePodId(String uid) {
        return makeId(TopologyType.POD, uid);
    }

    public static Optional<String> parsePodId(String id) {
        return parseId(TopologyType.POD, id);
    }

    public static String makeServiceId(String uid) {
        return makeId(TopologyType.SERVICE, uid);
    }

    public static Optional<String> parseServiceId(String id) {
        return parseId(TopologyType.SERVICE, id);
    }

    public static String makeDeploymentId(String uid) {
        return makeId(TopologyType.DEPLOYMENT, uid);
    }

    public static Optional<String> parseDeploymentId(String id) {
        return parseId(TopologyType.DEPLOYMENT, id);
    }

    public static String makeReplicaSetId(String uid) {
        return makeId(TopologyType.REPLICA_SET, uid);
    }

    public static Optional<String> parseReplicaSetId(String id) {
        return parseId(TopologyType.REPLICA_SET, id);
    }

    /** {@code <uid>;<daemonset>} (not daemon_set). */
    public static String makeDaemonSetId(String uid) {
        return makeId(TopologyType.DAEMON_SET, uid);
    }

    public static Optional<String> parseDaemonSetId(String id) {
        return parseId(TopologyType.DAEMON_SET, id);
    }

    /** {@code <uid>;<statefulset>} (not stateful_set). */
    public static String makeStatefulSetId(String uid) {
        return makeId(TopologyType.STATEFUL_SET, uid);
    }

    public static Optional<String> parseStatefulSetId(String id) {
        return parseId(TopologyType.STATEFUL_SET, id);
    }

    /** {@code <uid>;<cronjob>} (not cron_job). */
    public static String makeCronJobId(String uid) {
        return makeId(TopologyType.CRON_JOB, uid);
    }

    public static Optional<String> parseCronJobId(String id) {
        return parseId(TopologyType.CRON_JOB, id);
    }

    public static String makeJobId(String uid) {
        return makeId(TopologyType.JOB, uid);
    }

    public static Optional<String> parseJobId(String id) {
        return parseId(TopologyType.JOB, id);
    }

    public static String makeNamespaceId(String uidOrName) {
        return makeId(TopologyType.NAMESPACE, uidOrName);
    }

    public static Optional<String> parseNamespaceId(String id) {
        return parseId(TopologyType.NAMESPACE, id);
    }

    public static String makeEcsTaskId(String taskArn) {
        return makeId(TopologyType.ECS_TASK, taskArn);
    }

    public static Optional<String> parseEcsTaskId(String id) {
        return parseId(TopologyType.ECS_TASK, id);
    }

    public static String makeSwarmServiceId(String serviceId) {
        return makeId(TopologyType.SWARM_SERVICE, serviceId);
    }

    public static Optional<String> parseSwarmServiceId(String id) {
        return parseId(TopologyType.SWARM_SERVICE, id);
    }

    public static String makePersistentVolumeId(String uid) {
        return makeId(TopologyType.PERSISTENT_VOLUME, uid);
    }

    public static Optional<String> parsePersistentVolumeId(String id) {
        return parseId(TopologyType.PERSISTENT_VOLUME, id);
    }

    public static String makePersistentVolumeClaimId(String uid) {
        return makeId(TopologyType.PERSISTENT_VOLUME_CLAIM, uid);
    }

    public static Optional<String> parsePersistentVolumeClaimId(String id) {
        return parseId(TopologyType.PERSISTENT_VOLUME_CLAIM, id);
    }

    public static String makeStorageClassId(String uid) {
        return makeId(TopologyType.STORAGE_CLASS, uid);
    }

    public static Optional<String> parseStorageClassId(String id) {
        return parseId(TopologyType.STORAGE_CLASS, id);
    }

    public static String makeVolumeSnapshotId(String uid) {
        return makeId(TopologyType.VOLUME_SNAPSHOT, uid);
    }

    public static Optional<String> parseVolumeSnapshotId(String id) {
        return parseId(TopologyType.VOLUME_SNAPSHOT, id);
    }

    public static String makeVolumeSnapshotDataId(String uid) {
        return makeId(TopologyType.VOLUME_SNAPSHOT_DATA, uid);
    }

    public static Optional<String> parseVolumeSnapshotDataId(String id) {
        return parseId(TopologyType.VOLUME_SNAPSHOT_DATA, id);
    }

    // ECS services and overlay peers.

    /** {@code <cluster>;<service>}. */
    public static String makeEcsServiceId(String cluster, String serviceName) {
        return requireNonNull(cluster, "cluster is null") + DELIM + requireNonNull(serviceName, "serviceName is null");
    }

    /** Parses {@code <cluster>;<service>}, or the legacy {@code <name>;<ecs_service>} (cluster "unknown"). */
    public static Optional<EcsServiceId> parseEcsServiceId(String id) {
        int first = id.indexOf(';');
        if (first < 0) {
            return Optional.empty();
        }
        String left = id.substring(0, first);
        String right = id.substring(first + 1);
        if (right.equals(LEGACY_ECS_SERVICE_TAG)) {
            return Optional.of(new EcsServiceId("unknown", left));
        }
        return Optional.of(new EcsServiceId(left, right));
    }

    /** {@code #<prefix><peerName>}. */
    public static String makeOverlayId(String prefix, String peerName) {
        return "#" + requireNonNull(prefix, "prefix is null") + requireNonNull(peerName, "peerName is null");
    }

    /** {@code #<weavePeerName>}. */
    public static String makeWeaveOverlayId(String peerName) {
        return makeOverlayId(WEAVE_OVERLAY_PEER_PREFIX, peerName);
    }

    /** {@code #docker_peer_<hostID>}. */
    public static String makeDockerOverlayId(String hostId) {
        return makeOverlayId(DOCKER_OVERLAY_PEER_PREFIX, hostId);
    }

    public static Optional<OverlayId> parseOverlayId(String id) {
        if (!id.startsWith("#")) {
            return Optional.empty();
        }
        String rest = id.substring(1);
        if (rest.startsWith(DOCKER_OVERLAY_PEER_PREFIX)) {
            return Optional.of(
                    new OverlayId(DOCKER_OVERLAY_PEER_PREFIX, rest.substring(DOCKER_OVERLAY_PEER_PREFIX.length())));
        }
        return Optional.of(new OverlayId(WEAVE_OVERLAY_PEER_PREFIX, rest));
    }

    // Helpers.

    private static Optional<String> parseTagged(String id, String tag) {
        int first = id.indexOf(';');
        if (first < 0
                || !id.regionMatches(first + 1, tag, 0, tag.length())
                || id.length() != first + 1 + tag.length()) {
            return Optional.empty();
        }
        return Optional.of(id.substring(0, first));
    }

    /** Whether {@code ip} is an IPv4 127/8 or the IPv6 ::1 address (textually; no DNS lookups). */
    static boolean isLoopback(String ip) {
        if (ip.startsWith("127.")) {
            return true;
        }
        return ip.equals("::1") || ip.equalsIgnoreCase("0:0:0:0:0:0:0:1") || ip.startsWith("::ffff:127.");
    }

    /** A port parsed without exceptions (parsing a hostile ID should stay cheap). */
    private static final class OptionalPort {
        final boolean valid;
        final int value;

        private OptionalPort(boolean valid, int value) {
            this.valid = valid;
            this.value = value;
        }

        static OptionalPort parse(String s) {
            if (s.isEmpty() || s.length() > 5) {
                return new OptionalPort(false, 0);
            }
            int v = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return new OptionalPort(false, 0);
                }
                v = v * 10 + (c - '0');
            }
            return new OptionalPort(v <= 65535, v);
        }
    }
}
