package io.scopecloud.control.api;

import org.glassfish.jersey.uri.UriComponent;
import org.jspecify.annotations.Nullable;

/**
 * The four names in a raw {@code /api/app/{org}/api/control/{probeID}/{nodeID}/{control}} path, percent-decoded as
 * Jersey decodes path parameters (so {@code %2F} in a node id is a {@code /}), for {@link FastControls}. A path it does
 * not take exactly as Jersey would (a segment empty, a raw {@code ;}, a bad escape, anything after the control) has
 * none, and Jersey answers it.
 */
record ControlPath(String org, String probeId, String nodeId, String control) {
    static final String ROUTE = "/api/app/{org}/api/control/{probeId}/{nodeId}/{control}";
    private static final String PREFIX = "/api/app/";
    private static final String MIDDLE = "/api/control/";

    static @Nullable ControlPath parse(String rawPath) {
        if (!rawPath.startsWith(PREFIX) || rawPath.indexOf(';') >= 0) {
            return null;
        }
        int orgEnd = rawPath.indexOf('/', PREFIX.length());
        if (orgEnd <= PREFIX.length() || !rawPath.startsWith(MIDDLE, orgEnd)) {
            return null;
        }
        String[] names = rawPath.substring(orgEnd + MIDDLE.length()).split("/", -1);
        if (names.length != 3) {
            return null;
        }
        try {
            String org = decode(rawPath.substring(PREFIX.length(), orgEnd));
            String probe = decode(names[0]);
            String node = decode(names[1]);
            String control = decode(names[2]);
            return org == null || probe == null || node == null || control == null
                    ? null
                    : new ControlPath(org, probe, node, control);
        } catch (IllegalArgumentException e) {
            return null; // a malformed escape: Jersey says what it makes of it
        }
    }

    private static @Nullable String decode(String segment) {
        return segment.isEmpty() ? null : UriComponent.decode(segment, UriComponent.Type.PATH_SEGMENT);
    }
}
