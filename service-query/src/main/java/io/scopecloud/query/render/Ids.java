package io.scopecloud.query.render;

import java.util.Optional;

/** Scope's node-ID splitting, on strings exactly as Go does it (report/id.go, render/id.go). */
public final class Ids {
    public static final String PSEUDO = "pseudo";
    public static final String INCOMING_INTERNET = "in-theinternet";
    public static final String OUTGOING_INTERNET = "out-theinternet";
    public static final String SERVICE_PREFIX = "service-";
    public static final String UNCONTAINED = "uncontained";
    public static final String UNMANAGED = "unmanaged";
    public static final String UNCONTAINED_PREFIX = "pseudo:uncontained:";
    public static final String UNMANAGED_PREFIX = "pseudo:unmanaged:";

    private Ids() {}

    /** {@code <scope>;<address>;<port>} split at the first two ';'. */
    public record EndpointParts(String scope, String address, String port) {}

    public static Optional<EndpointParts> parseEndpoint(String id) {
        int first = id.indexOf(';');
        if (first < 0) {
            return Optional.empty();
        }
        int second = id.indexOf(';', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        return Optional.of(
                new EndpointParts(id.substring(0, first), id.substring(first + 1, second), id.substring(second + 1)));
    }

    /**
     * {@code <scope>;<address>;} of an endpoint id ({@code scopedEndpoint(scope, address, "")}
     * without splitting it), or "" when the id has fewer than two ';'.
     */
    public static String withoutPort(String endpointId) {
        int first = endpointId.indexOf(';');
        int second = first < 0 ? -1 : endpointId.indexOf(';', first + 1);
        return second < 0 ? "" : endpointId.substring(0, second + 1);
    }

    /** Go's {@code split2}: the parts around the first ';'. */
    public static Optional<String[]> split2(String id) {
        int pos = id.indexOf(';');
        if (pos < 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {id.substring(0, pos), id.substring(pos + 1)});
    }

    /** {@code <id>;<tag>}: the id when the tag matches. */
    public static Optional<String> parseTagged(String nodeId, String tag) {
        // Compared in place: this runs for every endpoint of every render.
        int pos = nodeId.indexOf(';');
        int end = nodeId.length() - 1;
        if (pos < 0
                || end - pos != tag.length() + 2
                || nodeId.charAt(pos + 1) != '<'
                || nodeId.charAt(end) != '>'
                || !nodeId.regionMatches(pos + 2, tag, 0, tag.length())) {
            return Optional.empty();
        }
        return Optional.of(nodeId.substring(0, pos));
    }

    /** The part before the first ';', or "" when there is none (Go's {@code split2} first half). */
    public static String beforeFirstSemicolon(String id) {
        int pos = id.indexOf(';');
        return pos < 0 ? "" : id.substring(0, pos);
    }

    public static String makeTagged(String id, String tag) {
        return id + ";<" + tag + ">";
    }

    public static String scopedEndpoint(String scope, String address, String port) {
        return scope + ";" + address + ";" + port;
    }

    public static String processId(String hostId, String pid) {
        return hostId + ";" + pid;
    }

    public static String pseudoId(String... parts) {
        return PSEUDO + ":" + String.join(":", parts);
    }

    /** The part after {@code pseudo:}, or the id itself when it is not of that form. */
    public static String pseudoSuffix(String nodeId) {
        int pos = nodeId.indexOf(':');
        if (pos < 0 || !nodeId.substring(0, pos).equals(PSEUDO)) {
            return nodeId;
        }
        return nodeId.substring(pos + 1);
    }

    public static String groupTopology(String topology, String key) {
        return "group:" + topology + ":" + key;
    }

    /** {@code group:<topology>:<key>}: the topology, when {@code topology} has that form. */
    public static Optional<String> groupedTopology(String topology) {
        String[] parts = topology.split(":", -1);
        if (parts.length != 3 || !parts[0].equals("group")) {
            return Optional.empty();
        }
        return Optional.of(parts[1]);
    }

    /** Scope's {@code ExtractHostID}: the hostname of the node's {@code host_node_id}. */
    public static String hostId(RenderNode n) {
        return n.latestValue(Keys.HOST_NODE_ID)
                .flatMap(h -> parseTagged(h, "host"))
                .orElse("");
    }

    public static boolean isInternet(String id) {
        return INCOMING_INTERNET.equals(id) || OUTGOING_INTERNET.equals(id);
    }

    /** Scope's {@code IsLoopback}: an IP literal in 127/8 or ::1. */
    public static boolean isLoopback(String address) {
        return Cidr.address(address).map(Ids::isLoopbackBytes).orElse(false);
    }

    private static boolean isLoopbackBytes(byte[] a) {
        if (a.length == 4) {
            return a[0] == 127;
        }
        for (int i = 0; i < 15; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[15] == 1;
    }

    /** Scope's {@code docker.ImageNameWithoutTag}: registry dropped from three-part names, tag dropped. */
    public static String imageNameWithoutTag(String imageName) {
        String[] parts = imageName.split("/", 3);
        String name = parts.length == 3 ? parts[1] + "/" + parts[2] : imageName;
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    public static boolean isPauseImageName(String imageName) {
        return imageName.contains("google_containers/pause")
                || imageName.contains("k8s.gcr.io/pause")
                || imageName.contains("eks/pause");
    }
}
