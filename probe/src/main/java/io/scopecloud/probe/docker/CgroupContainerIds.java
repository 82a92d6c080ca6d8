package io.scopecloud.probe.docker;

/**
 * Finds the container a process belongs to from its {@code /proc/<pid>/cgroup}. The engines put a
 * container's processes in a cgroup named after the container's 64-hex-digit id, in one of these
 * forms (v1 lines {@code N:controllers:path}, v2 line {@code 0::path}):
 * <ul>
 *   <li>Docker, cgroupfs driver: {@code /docker/<id>}
 *   <li>Docker, systemd driver: {@code /system.slice/docker-<id>.scope}
 *   <li>podman, cgroupfs: {@code /libpod_parent/libpod-<id>}, systemd:
 *       {@code /machine.slice/libpod-<id>.scope} (and {@code .../container} beneath it)
 *   <li>containerd/CRI and Kubernetes: {@code .../cri-containerd-<id>.scope}, {@code /kubepods/.../<id>}
 * </ul>
 * Conmon's own cgroup ({@code libpod-conmon-<id>}) is not the container's. Pure.
 */
final class CgroupContainerIds {
    private CgroupContainerIds() {}

    /** The container id in a cgroup file's text, or null if the process is not in a container. */
    static String containerId(String cgroupText) {
        String found = null;
        for (String line : cgroupText.split("\n", -1)) {
            int colon = line.indexOf(':');
            int second = colon < 0 ? -1 : line.indexOf(':', colon + 1);
            if (second < 0) {
                continue;
            }
            String id = fromPath(line.substring(second + 1).trim());
            if (id != null) {
                // the unified (0::) line or the first controller that names one; they agree
                found = id;
                break;
            }
        }
        return found;
    }

    /** The innermost path segment that names a container. */
    static String fromPath(String path) {
        String[] segments = path.split("/", -1);
        for (int i = segments.length - 1; i >= 0; i--) {
            String segment = segments[i];
            if (segment.endsWith(".scope")) {
                segment = segment.substring(0, segment.length() - ".scope".length());
            }
            if (segment.contains("conmon")) {
                return null; // podman's monitor runs beside the container, not in it
            }
            int dash = segment.lastIndexOf('-');
            String candidate = dash >= 0 ? segment.substring(dash + 1) : segment;
            if (isContainerId(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static boolean isContainerId(String s) {
        if (s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
