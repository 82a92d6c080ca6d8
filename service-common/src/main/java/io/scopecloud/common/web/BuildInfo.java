package io.scopecloud.common.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** What this build and host are called, for {@code GET /api} and logs. */
public final class BuildInfo {
    private BuildInfo() {}

    /** The project version from the jar manifest, or "dev" when running from classes. */
    public static String version() {
        String version = BuildInfo.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    public static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
