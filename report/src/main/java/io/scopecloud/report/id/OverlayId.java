package io.scopecloud.report.id;

import static java.util.Objects.requireNonNull;

/**
 * The parts of an overlay node ID {@code #<prefix><peerName>}: prefix {@code ""} for a Weave Net peer,
 * {@code "docker_peer_"} for a Docker overlay peer (then the peer name is the host ID).
 */
public record OverlayId(String prefix, String peerName) {
    public OverlayId {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(peerName, "peerName is null");
    }

    public boolean isDocker() {
        return NodeIds.DOCKER_OVERLAY_PEER_PREFIX.equals(prefix);
    }

    @Override
    public String toString() {
        return NodeIds.makeOverlayId(prefix, peerName);
    }
}
