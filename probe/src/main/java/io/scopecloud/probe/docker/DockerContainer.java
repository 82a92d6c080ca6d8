package io.scopecloud.probe.docker;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.GoTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the probe keeps of a container's inspect document ({@code GET /containers/{id}/json}),
 * the fields Scope's Docker reporter reads, the same on Docker and podman.
 *
 * @param name without the leading {@code /}
 * @param imageId without the {@code sha256:} prefix
 * @param networkMode {@code HostConfig.NetworkMode}: bridge, host, none, {@code container:<id>}...
 */
public record DockerContainer(
        String id,
        String name,
        Instant created,
        String path,
        List<String> args,
        String imageId,
        String imageName,
        String hostname,
        String domainname,
        boolean tty,
        List<String> env,
        Map<String, String> labels,
        State state,
        int restartCount,
        String networkMode,
        NetworkSettings network) {

    public DockerContainer {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(created, "created is null");
        requireNonNull(path, "path is null");
        args = List.copyOf(args);
        requireNonNull(imageId, "imageId is null");
        requireNonNull(imageName, "imageName is null");
        requireNonNull(hostname, "hostname is null");
        requireNonNull(domainname, "domainname is null");
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        requireNonNull(state, "state is null");
        requireNonNull(networkMode, "networkMode is null");
        requireNonNull(network, "network is null");
    }

    /** {@code State}; the zero time ({@link GoTime#ZERO}) stands for "never". */
    public record State(
            String status,
            boolean running,
            boolean paused,
            boolean restarting,
            boolean dead,
            int pid,
            int exitCode,
            Instant startedAt,
            Instant finishedAt) {

        public State {
            requireNonNull(status, "status is null");
            requireNonNull(startedAt, "startedAt is null");
            requireNonNull(finishedAt, "finishedAt is null");
        }

        /** go-dockerclient's {@code StateString}: the one-word state Scope reports. */
        public String stateString() {
            if (running) {
                if (paused) {
                    return ContainerNodes.STATE_PAUSED;
                }
                if (restarting) {
                    return ContainerNodes.STATE_RESTARTING;
                }
                return ContainerNodes.STATE_RUNNING;
            }
            if (dead) {
                return "dead";
            }
            if (GoTime.isZero(startedAt)) {
                return ContainerNodes.STATE_CREATED;
            }
            return ContainerNodes.STATE_EXITED;
        }
    }

    /**
     * {@code NetworkSettings}.
     *
     * @param ports container port ({@code 80/tcp}) to its host bindings, possibly none
     * @param networks network name to the container's IPv4 address on it ("" if none)
     */
    public record NetworkSettings(
            String ipAddress,
            List<String> secondaryIpAddresses,
            Map<String, List<PortBinding>> ports,
            Map<String, String> networks) {

        public NetworkSettings {
            requireNonNull(ipAddress, "ipAddress is null");
            secondaryIpAddresses = List.copyOf(secondaryIpAddresses);
            ports = Map.copyOf(ports);
            networks = Map.copyOf(networks);
        }

        public static NetworkSettings none() {
            return new NetworkSettings("", List.of(), Map.of(), Map.of());
        }
    }

    /** One host binding of a published port. */
    public record PortBinding(String hostIp, String hostPort) {
        public PortBinding {
            requireNonNull(hostIp, "hostIp is null");
            requireNonNull(hostPort, "hostPort is null");
        }
    }

    /** Scope's "stopped": anything but running, restarting or paused. */
    public boolean isStopped() {
        String s = state.stateString();
        return !s.equals(ContainerNodes.STATE_RUNNING)
                && !s.equals(ContainerNodes.STATE_RESTARTING)
                && !s.equals(ContainerNodes.STATE_PAUSED);
    }

    /** {@code hostname[.domainname]}, as Scope's {@code Hostname()}. */
    public String fullHostname() {
        return domainname.isEmpty() ? hostname : hostname + "." + domainname;
    }
}
