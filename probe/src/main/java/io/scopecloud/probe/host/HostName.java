package io.scopecloud.probe.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The host name the probe reports, which is also its host ID. Like Scope: {@code SCOPE_HOSTNAME}
 * wins, then the kernel's host name, then whatever the resolver says.
 */
public final class HostName {
    private HostName() {}

    public static String resolve(Path procRoot, Map<String, String> environment) {
        String configured = environment.get("SCOPE_HOSTNAME");
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            String kernel = Files.readString(procRoot.resolve("sys/kernel/hostname"), StandardCharsets.UTF_8)
                    .trim();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException e) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "(unknown)";
        }
    }
}
