package io.scopecloud.probe.kubernetes;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;

/**
 * The API client's configuration from Scope's flags, as Scope 1.13 builds it: with neither a
 * server nor a kubeconfig the probe is in a pod and uses its service account (in-cluster);
 * otherwise the kubeconfig (its context, or a cluster and user picked by name), then the flags
 * given on top (server, token, basic auth, TLS files). Controls use the same configuration
 * (Scope's "Describe" worked only in-cluster).
 */
public final class ClientConfigs {
    static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    private static final String PICKED_CONTEXT = "scope-probe-flags";

    private ClientConfigs() {}

    /** Thrown for a configuration the probe cannot use; the message says what to pass. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    public static Config from(KubernetesOptions options, Map<String, String> env) {
        return from(options, env, SERVICE_ACCOUNT);
    }

    static Config from(KubernetesOptions options, Map<String, String> env, Path serviceAccount) {
        ConfigBuilder builder;
        if (options.inCluster()) {
            builder = inCluster(env, serviceAccount);
        } else if (!options.kubeconfig().isEmpty()) {
            builder = new ConfigBuilder(kubeconfig(options));
        } else {
            builder = new ConfigBuilder(Config.empty());
        }
        if (!options.server().isEmpty()) {
            builder.withMasterUrl(options.server());
        }
        if (!options.token().isEmpty()) {
            builder.withOauthToken(options.token());
        }
        if (!options.username().isEmpty()) {
            builder.withUsername(options.username());
        }
        if (!options.password().isEmpty()) {
            builder.withPassword(options.password());
        }
        if (!options.certificateAuthority().isEmpty()) {
            builder.withCaCertFile(options.certificateAuthority());
        }
        if (!options.clientCertificate().isEmpty()) {
            builder.withClientCertFile(options.clientCertificate());
        }
        if (!options.clientKey().isEmpty()) {
            builder.withClientKeyFile(options.clientKey());
        }
        if (options.insecureSkipTlsVerify()) {
            builder.withTrustCerts(true).withDisableHostnameVerification(true);
        }
        return builder.build();
    }

    private static ConfigBuilder inCluster(Map<String, String> env, Path serviceAccount) {
        String host = env.get("KUBERNETES_SERVICE_HOST");
        String port = env.get("KUBERNETES_SERVICE_PORT");
        if (host == null || host.isBlank() || port == null || port.isBlank()) {
            throw new ConfigException("unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and"
                    + " KUBERNETES_SERVICE_PORT must be defined: outside a pod, pass --probe.kubernetes.server"
                    + " or --probe.kubernetes.kubeconfig");
        }
        Path token = serviceAccount.resolve("token");
        if (!Files.isReadable(token)) {
            throw new ConfigException("in-cluster configuration: cannot read the service account token " + token
                    + " (is automountServiceAccountToken off?)");
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        ConfigBuilder builder = new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + hostPart + ":" + port)
                // re-read on every request: kubelet rotates projected tokens
                .withOauthTokenProvider(() -> readToken(token));
        Path ca = serviceAccount.resolve("ca.crt");
        if (Files.isReadable(ca)) {
            builder.withCaCertFile(ca.toString());
        }
        return builder;
    }

    private static String readToken(Path token) {
        try {
            return Files.readString(token, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service account token " + token, e);
        }
    }

    private static Config kubeconfig(KubernetesOptions options) {
        Path path = Path.of(options.kubeconfig());
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read --probe.kubernetes.kubeconfig " + path + ": " + e.getMessage());
        }
        io.fabric8.kubernetes.api.model.Config parsed = KubeConfigUtils.parseConfigFromString(text);
        String contextName = options.context().isEmpty() ? parsed.getCurrentContext() : options.context();
        NamedContext context = parsed.getContexts() == null
                ? null
                : parsed.getContexts().stream()
                        .filter(c -> c.getName().equals(contextName))
                        .findFirst()
                        .orElse(null);
        if (!options.context().isEmpty() && context == null) {
            throw new ConfigException("no context " + options.context() + " in " + path);
        }
        if (options.cluster().isEmpty() && options.user().isEmpty()) {
            return Config.fromKubeconfig(contextName, text, path.toString());
        }
        // --probe.kubernetes.cluster / .user: the context's other half, with the named one
        NamedContext picked = new NamedContext();
        picked.setName(PICKED_CONTEXT);
        io.fabric8.kubernetes.api.model.Context inner = new io.fabric8.kubernetes.api.model.Context();
        if (context != null && context.getContext() != null) {
            inner.setCluster(context.getContext().getCluster());
            inner.setUser(context.getContext().getUser());
            inner.setNamespace(context.getContext().getNamespace());
        }
        if (!options.cluster().isEmpty()) {
            inner.setCluster(options.cluster());
        }
        if (!options.user().isEmpty()) {
            inner.setUser(options.user());
        }
        picked.setContext(inner);
        var contexts = new ArrayList<>(parsed.getContexts() == null ? java.util.List.of() : parsed.getContexts());
        contexts.add(picked);
        parsed.setContexts(contexts);
        parsed.setCurrentContext(PICKED_CONTEXT);
        // the synthesized context is not in the file: parse from the text alone (relative file paths in
        // the kubeconfig are then relative to the working directory)
        return Config.fromKubeconfig(PICKED_CONTEXT, Serialization.asYaml(parsed), null);
    }
}
