package io.scopecloud.probe.kubernetes;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Scope 1.13's {@code --probe.kubernetes.*} flags. Empty strings mean "not given", as in Scope.
 *
 * @param enabled {@code --probe.kubernetes}
 * @param server the API server's URL ({@code .server}, or the deprecated {@code .api})
 * @param nodeName this node's name ({@code .node-name} or {@code $KUBERNETES_NODENAME}); the
 *     {@code ""} role reports only its pods
 * @param resync how often the informers replay their caches ({@code .interval}); zero: never
 */
public record KubernetesOptions(
        boolean enabled,
        KubernetesRole role,
        String server,
        String kubeconfig,
        String context,
        String cluster,
        String user,
        String token,
        String username,
        String password,
        String certificateAuthority,
        String clientCertificate,
        String clientKey,
        boolean insecureSkipTlsVerify,
        String nodeName,
        int kubeletPort,
        Duration resync) {

    public static final String NODE_NAME_ENV = "KUBERNETES_NODENAME";

    public KubernetesOptions {
        requireNonNull(role, "role is null");
        server = nullToEmpty(server);
        kubeconfig = nullToEmpty(kubeconfig);
        context = nullToEmpty(context);
        cluster = nullToEmpty(cluster);
        user = nullToEmpty(user);
        token = nullToEmpty(token);
        username = nullToEmpty(username);
        password = nullToEmpty(password);
        certificateAuthority = nullToEmpty(certificateAuthority);
        clientCertificate = nullToEmpty(clientCertificate);
        clientKey = nullToEmpty(clientKey);
        nodeName = nullToEmpty(nodeName);
        requireNonNull(resync, "resync is null");
        if (resync.isNegative()) {
            throw new IllegalArgumentException("resync must be zero (never) or positive: " + resync);
        }
    }

    /** Off, as without {@code --probe.kubernetes}. */
    public static KubernetesOptions disabled() {
        return withoutCredentials(false, KubernetesRole.BOTH, "", 10255);
    }

    /** A cluster-role probe talking to {@code server} with no credentials (tests, the benchmark). */
    public static KubernetesOptions cluster(String server) {
        return withoutCredentials(true, KubernetesRole.CLUSTER, server, 0);
    }

    private static KubernetesOptions withoutCredentials(
            boolean enabled, KubernetesRole role, String server, int kubeletPort) {
        return new KubernetesOptions(
                enabled, role, server, "", "", "", "", "", "", "", "", "", "", false, "", kubeletPort, Duration.ZERO);
    }

    /** Whether this probe lists and watches the API server. */
    public boolean watchesApi() {
        return enabled && role.watchesApi();
    }

    /** Whether this probe runs the host-side reporters (always, without Kubernetes). */
    public boolean reportsHost() {
        return !enabled || role.reportsHost();
    }

    /** Whether this probe ties containers to their pods by the kubelet's container labels. */
    public boolean tagsContainers() {
        return enabled && role != KubernetesRole.CLUSTER;
    }

    /** Neither a server nor a kubeconfig: the probe runs in a pod and uses its service account. */
    public boolean inCluster() {
        return server.isEmpty() && kubeconfig.isEmpty();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
