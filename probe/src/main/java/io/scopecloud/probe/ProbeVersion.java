package io.scopecloud.probe;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The probe's version, sent as X-Scope-Probe-Version and host_scope_version; from the build. */
public final class ProbeVersion {
    private static final String VERSION = load();

    private ProbeVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = ProbeVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
