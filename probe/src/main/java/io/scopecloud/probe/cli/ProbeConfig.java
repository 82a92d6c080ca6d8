package io.scopecloud.probe.cli;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.kubernetes.KubernetesOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the probe is started with. Built by {@link ProbeFlags}, which holds the defaults and
 * Scope's flag names.
 *
 * @param fullReportEvery a full report every so many publishes, deltas between (1: always full)
 * @param pluginsRoot null when plugins are disabled (an empty {@code --probe.plugins.root})
 * @param dockerSocket the container engine's UNIX socket (from {@code $DOCKER_HOST})
 * @param dockerInterval how often images and networks are re-listed and a lost engine retried
 * @param dockerBridge interface whose IPv4 networks are scoped as host-local (with --probe.docker)
 * @param kubernetes the {@code --probe.kubernetes.*} flags (the secrets reach a launched child by env)
 * @param hostExec offer {@code host_exec}, a shell on the host ({@code --probe.host-exec})
 */
public record ProbeConfig(
        String token,
        URI serviceUrl,
        Duration publishInterval,
        int fullReportEvery,
        Duration spyInterval,
        Path pluginsRoot,
        Path procRoot,
        boolean docker,
        Path dockerSocket,
        Duration dockerInterval,
        String dockerBridge,
        boolean omitEnvironmentVariables,
        boolean hostExec,
        KubernetesOptions kubernetes,
        boolean noControls,
        boolean processes,
        boolean spyProcs,
        boolean omitCommandArguments,
        String publishFormat,
        String logLevel,
        Path stateDir,
        boolean foreground) {

    public ProbeConfig {
        requireNonNull(token, "token is null");
        requireNonNull(serviceUrl, "serviceUrl is null");
        requireNonNull(publishInterval, "publishInterval is null");
        requireNonNull(spyInterval, "spyInterval is null");
        requireNonNull(procRoot, "procRoot is null");
        requireNonNull(dockerSocket, "dockerSocket is null");
        requireNonNull(dockerInterval, "dockerInterval is null");
        requireNonNull(dockerBridge, "dockerBridge is null");
        requireNonNull(kubernetes, "kubernetes is null");
        requireNonNull(publishFormat, "publishFormat is null");
        requireNonNull(logLevel, "logLevel is null");
        requireNonNull(stateDir, "stateDir is null");
    }

    public Path pidFile() {
        return stateDir.resolve("probe.pid");
    }

    public Path logFile() {
        return stateDir.resolve("probe.log");
    }

    public Path statusFile() {
        return stateDir.resolve("probe.status");
    }
}
