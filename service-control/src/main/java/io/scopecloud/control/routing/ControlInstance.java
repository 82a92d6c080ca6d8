package io.scopecloud.control.routing;

import io.scopecloud.control.probe.ProbeConnections;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * This control instance as other instances see it: a fresh id per process start, and the URL they
 * reach it at, known from {@code control.advertisedUrl} or, when that is not set, once the server
 * has its port.
 */
public final class ControlInstance implements ProbeConnections.Self {
    private final String instanceId;
    private volatile @Nullable String url;

    public ControlInstance(String instanceId) {
        this.instanceId = java.util.Objects.requireNonNull(instanceId, "instanceId is null");
    }

    /** {@code <hostname>-<random hex>}: readable in the registry, unique per start. */
    public static ControlInstance withRandomId() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return new ControlInstance(hostname() + "-" + HexFormat.of().formatHex(random));
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public String url() {
        String u = url;
        if (u == null) {
            throw new IllegalStateException("the control instance URL is not known yet");
        }
        return u;
    }

    public boolean hasUrl() {
        return url != null;
    }

    /** Sets the URL once; a trailing slash is dropped. */
    public void setUrl(String newUrl) {
        String u = newUrl.endsWith("/") ? newUrl.substring(0, newUrl.length() - 1) : newUrl;
        this.url = u;
    }

    private static String hostname() {
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
            int dot = name.indexOf('.');
            return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^a-z0-9-]", "");
        } catch (UnknownHostException e) {
            return "control";
        }
    }

    @Override
    public String toString() {
        return "ControlInstance[" + instanceId + " " + url + "]";
    }
}
