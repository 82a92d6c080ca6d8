package io.scopecloud.probe.cli;

import io.scopecloud.probe.kubernetes.KubernetesOptions;
import io.scopecloud.probe.kubernetes.KubernetesRole;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The probe's flags. Names follow Weave Scope's wherever the meaning is the same, with Go's flag
 * syntax ({@code -flag}, {@code --flag}, {@code =value} or a separate value; booleans bare or
 * {@code =true/false}), so a Weave Scope command line works unchanged.
 */
public final class ProbeFlags {
    public static final String DEFAULT_SERVICE_URL = "http://localhost:4040";
    public static final String TOKEN_ENV = "SCOPE_SERVICE_TOKEN";
    public static final String SERVICE_URL_ENV = "SCOPE_SERVICE_URL";
    public static final String DOCKER_HOST_ENV = "DOCKER_HOST";
    public static final String DEFAULT_DOCKER_SOCKET = "/var/run/docker.sock";
    public static final String KUBERNETES_TOKEN_ENV = "SCOPE_KUBERNETES_TOKEN";
    public static final String KUBERNETES_PASSWORD_ENV = "SCOPE_KUBERNETES_PASSWORD";

    /** A flag, its default and its help text. */
    private record Flag(String name, boolean bool, String defaultValue, String help) {}

    private static final Map<String, Flag> FLAGS = new LinkedHashMap<>();

    static {
        add("service-token", false, "", "token of your organisation's probes (or $" + TOKEN_ENV + ")");
        add("probe.token", false, "", "alias of --service-token");
        add("service-url", false, DEFAULT_SERVICE_URL, "where Scope Cloud runs (or $" + SERVICE_URL_ENV + ")");
        add("probe.publish.interval", false, "3s", "publish (output) interval");
        add(
                "probe.full-report-every",
                false,
                "3",
                "publish a full report every so many reports, deltas in between (cluster role; other roles send"
                        + " full reports)");
        add(
                "probe.spy.interval",
                false,
                "1s",
                "how often to scan connections (processes and the host are sampled once per publish)");
        add("probe.plugins.root", false, "/var/run/scope/plugins", "where to look for plugin sockets; empty disables");
        add("probe.proc.root", false, "/proc", "location of the proc filesystem");
        add("probe.processes", true, "true", "report processes and their connections");
        add("probe.proc.spy", true, "true", "associate connections with processes (needs root)");
        add("probe.omit.cmd-args", true, "false", "report command lines without their arguments");
        add(
                "probe.docker",
                true,
                "true",
                "collect containers from the Docker Engine API ($" + DOCKER_HOST_ENV
                        + " or /var/run/docker.sock; podman's service too)");
        add("probe.docker.interval", false, "10s", "how often to re-list images and networks, and to retry the engine");
        add("probe.docker.bridge", false, "docker0", "the Docker bridge, whose addresses are host-local");
        add("probe.omit.env-vars", true, "true", "report containers without their environment variables");
        add("probe.host-exec", true, "false", "offer a shell on this host to the UI (host_exec); off by default");
        add("probe.kubernetes", true, "false", "collect Kubernetes objects (see --probe.kubernetes.role)");
        add(
                "probe.kubernetes.role",
                false,
                "",
                "host (per-node agent: ties containers to pods), cluster (one per cluster: lists and watches"
                        + " the API) or empty (both, this node's pods only)");
        add("probe.kubernetes.server", false, "", "the address and port of the Kubernetes API server");
        add("probe.kubernetes.api", false, "", "deprecated alias of --probe.kubernetes.server");
        add("probe.kubernetes.kubeconfig", false, "", "path to the kubeconfig file to use");
        add("probe.kubernetes.context", false, "", "the name of the kubeconfig context to use");
        add("probe.kubernetes.cluster", false, "", "the name of the kubeconfig cluster to use");
        add("probe.kubernetes.user", false, "", "the name of the kubeconfig user to use");
        add(
                "probe.kubernetes.token",
                false,
                "",
                "bearer token for the API server (or $" + KUBERNETES_TOKEN_ENV + "; kept off the command line)");
        add("probe.kubernetes.username", false, "", "username for basic authentication to the API server");
        add(
                "probe.kubernetes.password",
                false,
                "",
                "password for basic authentication (or $" + KUBERNETES_PASSWORD_ENV + ")");
        add("probe.kubernetes.certificate-authority", false, "", "path to a cert. file for the certificate authority");
        add("probe.kubernetes.client-certificate", false, "", "path to a client certificate file for TLS");
        add("probe.kubernetes.client-key", false, "", "path to a client key file for TLS");
        add(
                "probe.kubernetes.insecure-skip-tls-verify",
                true,
                "false",
                "do not check the API server's certificate (insecure)");
        add(
                "probe.kubernetes.node-name",
                false,
                "",
                "name of this node, for its pods (or $" + KubernetesOptions.NODE_NAME_ENV + ")");
        add(
                "probe.kubernetes.kubelet-port",
                false,
                "10255",
                "with role \"\" and no node name: the kubelet's read-only port on 127.0.0.1, asked for this"
                        + " node's pods at each report as Scope does (0: report every pod)");
        add(
                "probe.kubernetes.interval",
                false,
                "0s",
                "how often the informers replay their caches to their handlers; 0s, the default, never (Scope"
                        + " 1.13 has no resync: reports are read from the caches)");
        add("probe.no-controls", true, "false", "disable controls: no control connection, no controls in reports");
        add("probe.publish.format", false, "msgpack", "report encoding: msgpack (as Scope's probes send) or json");
        add("probe.log.level", false, "info", "logging threshold: debug, info, warn or error");
        add("state-dir", false, "", "where the pid file, status file and log go (default /var/run/scope as root)");
        add("no-daemon", true, "false", "with launch: stay in the foreground");
    }

    private ProbeFlags() {}

    private static void add(String name, boolean bool, String defaultValue, String help) {
        FLAGS.put(name, new Flag(name, bool, defaultValue, help));
    }

    /** Parses flags and positional service URLs into a config; a token is required. */
    public static ProbeConfig parse(List<String> args, Map<String, String> env) throws UsageException {
        return parse(args, env, true);
    }

    /**
     * Parses flags and positional service URLs into a config.
     *
     * @param requireToken false for commands that only need the state directory (stop, status)
     */
    public static ProbeConfig parse(List<String> args, Map<String, String> env, boolean requireToken)
            throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
                if (!arg.equals("--")) {
                    positional.add(arg);
                }
                continue;
            }
            String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
            String name = body;
            String value = null;
            int eq = body.indexOf('=');
            if (eq >= 0) {
                name = body.substring(0, eq);
                value = body.substring(eq + 1);
            }
            Flag flag = FLAGS.get(name);
            if (flag == null) {
                throw new UsageException("unknown flag -" + (arg.startsWith("--") ? "-" : "") + name
                        + " (run `scope help` for the list)");
            }
            if (value == null) {
                if (flag.bool()) {
                    value = "true";
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("flag --" + name + " needs a value");
                }
            }
            values.put(name, value);
        }
        return build(values, positional, env, requireToken);
    }

    private static ProbeConfig build(
            Map<String, String> values, List<String> positional, Map<String, String> env, boolean requireToken)
            throws UsageException {
        String token = first(values.get("service-token"), values.get("probe.token"), env.get(TOKEN_ENV));
        String url = first(
                values.get("service-url"), positional.isEmpty() ? null : positional.get(0), env.get(SERVICE_URL_ENV));
        if (positional.size() > 1) {
            throw new UsageException("more than one service URL given: " + positional);
        }
        URI serviceUrl = serviceUrl(url == null ? DEFAULT_SERVICE_URL : url);
        if (serviceUrl.getRawUserInfo() != null) {
            String userToken = serviceUrl.getRawUserInfo();
            int colon = userToken.indexOf(':');
            if (token == null) {
                token = colon < 0 ? userToken : userToken.substring(0, colon);
            }
            serviceUrl = withoutUserInfo(serviceUrl);
        }
        if (!requireToken && token == null) {
            token = "";
        } else if (token == null || token.isBlank()) {
            throw new UsageException("no probe token: pass --service-token=<token> (copy it from your organisation's"
                    + " settings page in Scope Cloud)");
        }
        Duration publish = duration(values, "probe.publish.interval");
        Duration spy = duration(values, "probe.spy.interval");
        int fullReportEvery;
        try {
            fullReportEvery = Integer.parseInt(value(values, "probe.full-report-every"));
        } catch (NumberFormatException e) {
            fullReportEvery = 0;
        }
        if (fullReportEvery < 1) {
            throw new UsageException("--probe.full-report-every must be a whole number of reports, 1 or more (1: no"
                    + " deltas), not " + value(values, "probe.full-report-every"));
        }
        String format = value(values, "probe.publish.format").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("msgpack")) {
            throw new UsageException("--probe.publish.format must be json or msgpack, not " + format);
        }
        String level = value(values, "probe.log.level").toLowerCase(Locale.ROOT);
        if (!List.of("trace", "debug", "info", "warn", "warning", "error").contains(level)) {
            throw new UsageException("--probe.log.level must be debug, info, warn or error, not " + level);
        }
        String plugins = value(values, "probe.plugins.root");
        Path dockerSocket = dockerSocket(env.get(DOCKER_HOST_ENV));
        Duration dockerInterval = duration(values, "probe.docker.interval");
        String stateDir = value(values, "state-dir");
        return new ProbeConfig(
                token.trim(),
                serviceUrl,
                publish,
                fullReportEvery,
                spy,
                plugins.isBlank() ? null : Path.of(plugins),
                Path.of(value(values, "probe.proc.root")),
                bool(values, "probe.docker"),
                dockerSocket,
                dockerInterval,
                value(values, "probe.docker.bridge"),
                bool(values, "probe.omit.env-vars"),
                bool(values, "probe.host-exec"),
                kubernetes(values, env),
                bool(values, "probe.no-controls"),
                bool(values, "probe.processes"),
                bool(values, "probe.proc.spy"),
                bool(values, "probe.omit.cmd-args"),
                format,
                level.equals("warning") ? "warn" : level,
                stateDir.isBlank() ? defaultStateDir(env) : Path.of(stateDir),
                bool(values, "no-daemon"));
    }

    /** Scope's {@code --probe.kubernetes.*} flags; the node name falls back to $KUBERNETES_NODENAME. */
    static KubernetesOptions kubernetes(Map<String, String> values, Map<String, String> env) throws UsageException {
        KubernetesRole role;
        try {
            role = KubernetesRole.parse(value(values, "probe.kubernetes.role"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String server = first(values.get("probe.kubernetes.server"), values.get("probe.kubernetes.api"));
        String nodeName = first(values.get("probe.kubernetes.node-name"), env.get(KubernetesOptions.NODE_NAME_ENV));
        int kubeletPort;
        try {
            kubeletPort = Integer.parseInt(value(values, "probe.kubernetes.kubelet-port"));
        } catch (NumberFormatException e) {
            throw new UsageException("--probe.kubernetes.kubelet-port must be a port number");
        }
        return new KubernetesOptions(
                bool(values, "probe.kubernetes"),
                role,
                server,
                value(values, "probe.kubernetes.kubeconfig"),
                value(values, "probe.kubernetes.context"),
                value(values, "probe.kubernetes.cluster"),
                value(values, "probe.kubernetes.user"),
                first(values.get("probe.kubernetes.token"), env.get(KUBERNETES_TOKEN_ENV)),
                value(values, "probe.kubernetes.username"),
                first(values.get("probe.kubernetes.password"), env.get(KUBERNETES_PASSWORD_ENV)),
                value(values, "probe.kubernetes.certificate-authority"),
                value(values, "probe.kubernetes.client-certificate"),
                value(values, "probe.kubernetes.client-key"),
                bool(values, "probe.kubernetes.insecure-skip-tls-verify"),
                nodeName,
                kubeletPort,
                durationOrZero(values, "probe.kubernetes.interval"));
    }

    /**
     * The engine's socket from {@code $DOCKER_HOST} ({@code unix:///path}), as Scope's Docker
     * client reads it; /var/run/docker.sock when unset. Only UNIX sockets are supported.
     */
    static Path dockerSocket(String dockerHost) throws UsageException {
        if (dockerHost == null || dockerHost.isBlank()) {
            return Path.of(DEFAULT_DOCKER_SOCKET);
        }
        String host = dockerHost.trim();
        if (host.startsWith("unix://")) {
            return Path.of(host.substring("unix://".length()));
        }
        if (host.startsWith("/")) {
            return Path.of(host);
        }
        throw new UsageException("$" + DOCKER_HOST_ENV + " must be a unix:// socket for the probe, not " + host);
    }

    /** /var/run/scope for root (beside the plugins root), ~/.scope for anyone else. */
    static Path defaultStateDir(Map<String, String> env) {
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/run/scope");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".scope");
    }

    /** Parses the service URL; a bare host:port gets http:// as Scope's targets do. */
    static URI serviceUrl(String text) throws UsageException {
        String s = text.trim();
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new UsageException("--service-url must be http:// or https://, not " + text);
            }
            if (uri.getHost() == null) {
                throw new UsageException("--service-url has no host: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--service-url is not a URL: " + text);
        }
    }

    private static URI withoutUserInfo(URI uri) {
        String authority = uri.getRawAuthority();
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(uri.getScheme() + "://" + authority + path);
    }

    private static Duration duration(Map<String, String> values, String name) throws UsageException {
        try {
            Duration d = GoDurations.parse(value(values, name));
            if (d.isZero() || d.isNegative()) {
                throw new UsageException("--" + name + " must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
    }

    private static Duration durationOrZero(Map<String, String> values, String name) throws UsageException {
        try {
            Duration d = GoDurations.parse(value(values, name));
            if (d.isNegative()) {
                throw new UsageException("--" + name + " must be 0s (never) or positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + name + ": " + e.getMessage());
        }
    }

    private static boolean bool(Map<String, String> values, String name) throws UsageException {
        String v = value(values, name).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "1", "t" -> true;
            case "false", "0", "f" -> false;
            default -> throw new UsageException("--" + name + " must be true or false, not " + v);
        };
    }

    private static String value(Map<String, String> values, String name) {
        String v = values.get(name);
        return v == null ? FLAGS.get(name).defaultValue() : v;
    }

    private static String first(String... candidates) {
        for (String c : candidates) {
            if (c != null && !c.isBlank()) {
                return c;
            }
        }
        return null;
    }

    /**
     * The flags that reproduce {@code config} in a background child, without the token: the child
     * gets it from {@code $SCOPE_SERVICE_TOKEN}, so it never shows in {@code ps}.
     */
    public static List<String> childArgs(ProbeConfig config) {
        List<String> args = new ArrayList<>();
        args.add("--service-url=" + config.serviceUrl());
        args.add("--probe.publish.interval=" + GoDurations.format(config.publishInterval()));
        args.add("--probe.full-report-every=" + config.fullReportEvery());
        args.add("--probe.spy.interval=" + GoDurations.format(config.spyInterval()));
        args.add("--probe.plugins.root=" + (config.pluginsRoot() == null ? "" : config.pluginsRoot()));
        args.add("--probe.proc.root=" + config.procRoot());
        args.add("--probe.processes=" + config.processes());
        args.add("--probe.proc.spy=" + config.spyProcs());
        args.add("--probe.omit.cmd-args=" + config.omitCommandArguments());
        args.add("--probe.docker=" + config.docker());
        args.add("--probe.docker.interval=" + GoDurations.format(config.dockerInterval()));
        args.add("--probe.docker.bridge=" + config.dockerBridge());
        args.add("--probe.omit.env-vars=" + config.omitEnvironmentVariables());
        args.add("--probe.host-exec=" + config.hostExec());
        KubernetesOptions k8s = config.kubernetes();
        args.add("--probe.kubernetes=" + k8s.enabled());
        args.add("--probe.kubernetes.role=" + k8s.role().flagValue());
        args.add("--probe.kubernetes.server=" + k8s.server());
        args.add("--probe.kubernetes.kubeconfig=" + k8s.kubeconfig());
        args.add("--probe.kubernetes.context=" + k8s.context());
        args.add("--probe.kubernetes.cluster=" + k8s.cluster());
        args.add("--probe.kubernetes.user=" + k8s.user());
        args.add("--probe.kubernetes.username=" + k8s.username());
        args.add("--probe.kubernetes.certificate-authority=" + k8s.certificateAuthority());
        args.add("--probe.kubernetes.client-certificate=" + k8s.clientCertificate());
        args.add("--probe.kubernetes.client-key=" + k8s.clientKey());
        args.add("--probe.kubernetes.insecure-skip-tls-verify=" + k8s.insecureSkipTlsVerify());
        args.add("--probe.kubernetes.node-name=" + k8s.nodeName());
        args.add("--probe.kubernetes.kubelet-port=" + k8s.kubeletPort());
        args.add("--probe.kubernetes.interval=" + GoDurations.format(k8s.resync()));
        args.add("--probe.no-controls=" + config.noControls());
        args.add("--probe.publish.format=" + config.publishFormat());
        args.add("--probe.log.level=" + config.logLevel());
        args.add("--state-dir=" + config.stateDir());
        return args;
    }

    /** The flag list for {@code scope help}. */
    public static String help() {
        StringBuilder out = new StringBuilder();
        for (Flag flag : FLAGS.values()) {
            String value = flag.defaultValue().isEmpty() ? "..." : flag.defaultValue();
            String left = "  --" + flag.name() + (flag.bool() ? "" : "=" + value);
            String help =
                    flag.bool() && flag.defaultValue().equals("true") ? flag.help() + " (default true)" : flag.help();
            out.append(String.format("%-46s %s%n", left, help));
        }
        return out.toString();
    }
}
