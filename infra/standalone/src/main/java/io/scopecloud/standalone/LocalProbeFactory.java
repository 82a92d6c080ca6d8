package io.scopecloud.standalone;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code localProbe:} the probe the standalone install runs for its own host. On in
 * {@code config/standalone.yml} (off with {@code SCOPE_CLOUD_LOCAL_PROBE=false}), off when the
 * section is absent (tests and the separate services).
 */
public class LocalProbeFactory {
    @JsonProperty
    private boolean enabled = false;

    /** Collect containers from the Docker Engine API ($DOCKER_HOST or /var/run/docker.sock), if one answers. */
    @JsonProperty
    private boolean docker = true;

    /** Offer a shell on this host to the org's admins (host_exec). */
    @JsonProperty
    private boolean hostExec = false;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isDocker() {
        return docker;
    }

    public void setDocker(boolean docker) {
        this.docker = docker;
    }

    public boolean isHostExec() {
        return hostExec;
    }

    public void setHostExec(boolean hostExec) {
        this.hostExec = hostExec;
    }
}
