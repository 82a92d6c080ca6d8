package io.scopecloud.probe;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.scopecloud.probe.cli.ProbeConfig;
import io.scopecloud.probe.control.ControlRegistry;
import io.scopecloud.probe.control.ControlServer;
import io.scopecloud.probe.control.JdkWebSocketControlLink;
import io.scopecloud.probe.docker.ContainerNodes;
import io.scopecloud.probe.docker.ContainerRegistry;
import io.scopecloud.probe.docker.DockerControls;
import io.scopecloud.probe.docker.DockerEngineClient;
import io.scopecloud.probe.docker.DockerReporter;
import io.scopecloud.probe.docker.DockerTagger;
import io.scopecloud.probe.docker.NamespaceAddresses;
import io.scopecloud.probe.docker.RuntimeApi;
import io.scopecloud.probe.endpoint.ConnectionScanner;
import io.scopecloud.probe.endpoint.EndpointIds;
import io.scopecloud.probe.endpoint.EndpointReporter;
import io.scopecloud.probe.endpoint.Ipv4Cidr;
import io.scopecloud.probe.endpoint.SockDiag;
import io.scopecloud.probe.host.HostCollector;
import io.scopecloud.probe.host.HostExec;
import io.scopecloud.probe.host.HostName;
import io.scopecloud.probe.host.HostReporter;
import io.scopecloud.probe.host.InterfaceLocalNetworks;
import io.scopecloud.probe.host.Pty4jLauncher;
import io.scopecloud.probe.kubernetes.ClientConfigs;
import io.scopecloud.probe.kubernetes.ClusterInformers;
import io.scopecloud.probe.kubernetes.KubeletPods;
import io.scopecloud.probe.kubernetes.KubernetesControls;
import io.scopecloud.probe.kubernetes.KubernetesOptions;
import io.scopecloud.probe.kubernetes.KubernetesReporter;
import io.scopecloud.probe.kubernetes.KubernetesRole;
import io.scopecloud.probe.kubernetes.PodTagger;
import io.scopecloud.probe.net.AppDetails;
import io.scopecloud.probe.net.Backoff;
import io.scopecloud.probe.net.ProbeIdentity;
import io.scopecloud.probe.pipe.WebSocketPipeClient;
import io.scopecloud.probe.plugins.JsonReportParser;
import io.scopecloud.probe.plugins.PluginRegistry;
import io.scopecloud.probe.plugins.SocketChannelHttpClient;
import io.scopecloud.probe.process.PageSize;
import io.scopecloud.probe.process.ProcessCache;
import io.scopecloud.probe.process.ProcessReporter;
import io.scopecloud.probe.process.ProcessWalker;
import io.scopecloud.probe.publish.HttpReportPublisher;
import io.scopecloud.probe.publish.PublishListener;
import io.scopecloud.probe.publish.Sleeper;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.WireFormat;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the probe from its config, by hand (no container): collectors, reporters, plugins, the
 * publisher, the control connection and the loops; {@link #close()} stops them in reverse.
 */
public final class ProbeAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProbeAgent.class);
    static final Duration PLUGIN_SCAN_INTERVAL = Duration.ofSeconds(5);
    static final Duration APP_DETAILS_INTERVAL = Duration.ofMinutes(5);

    private final ProbeIdentity identity;
    private final String hostId;
    private final HttpReportPublisher publisher;
    private final Probe probe;
    private final PluginRegistry plugins;
    private final ControlServer controlServer;
    private final ScheduledExecutorService timer;
    private final ThreadPoolExecutor controlWorkers;
    private final AppDetails appDetails;
    private final ContainerRegistry containers;
    private final WebSocketPipeClient pipes;
    private final KubernetesClient kubernetesClient; // null unless this probe watches the API
    private final ClusterInformers clusterInformers;
    private final KubernetesReporter kubernetesReporter;
    private volatile ScheduledFuture<?> pluginScans; // null until started with plugins
    private volatile ScheduledFuture<?> appIdRefreshes; // null until started with controls

    public ProbeAgent(ProbeConfig config, ProbeIdentity identity, Map<String, String> env, PublishListener listener) {
        requireNonNull(config, "config is null");
        requireNonNull(env, "env is null");
        requireNonNull(listener, "listener is null");
        Clock clock = Clock.systemUTC();
        this.identity = requireNonNull(identity, "identity is null");
        String version = identity.version();
        String hostName = HostName.resolve(config.procRoot(), env);
        this.hostId = hostName;
        String hostNodeId = HostReporter.hostNodeId(hostId);

        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("scope-timer"));
        this.controlWorkers = new ThreadPoolExecutor(
                0, 16, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("scope-control-worker"));
        ControlRegistry controls = new ControlRegistry();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.appDetails = new AppDetails(http, HttpReportPublisher.resolve(config.serviceUrl(), "/api"), identity);
        WireFormat format = config.publishFormat().equals("msgpack") ? WireFormat.MSGPACK : WireFormat.JSON;
        this.publisher = new HttpReportPublisher(
                http, config.serviceUrl(), identity, format, Backoff.standard(), listener, Sleeper.SYSTEM, clock);

        List<ReportSource> sources = new ArrayList<>();
        List<Probe.Ticker> tickers = new ArrayList<>();
        List<UnaryOperator<Report>> taggers = new ArrayList<>();
        this.pipes = config.noControls() ? null : new WebSocketPipeClient(http, config.serviceUrl(), identity);
        boolean hostExec = config.hostExec() && !config.noControls();
        if (hostExec) {
            new HostExec(
                            pipes,
                            HostExec.loginShell(Path.of("/etc/passwd"), System.getProperty("user.name")),
                            shellEnvironment(env),
                            new Pty4jLauncher())
                    .register(controls);
            log.warn(
                    "--probe.host-exec: anyone who may run controls on this org's probes can open a shell on {}",
                    hostName);
        }
        KubernetesOptions k8s = config.kubernetes();
        boolean hostSide = k8s.reportsHost();
        if (hostSide) {
            sources.add(new HostReporter(
                    hostId,
                    hostName,
                    identity.probeId(),
                    version,
                    new HostCollector(config.procRoot(), new InterfaceLocalNetworks(), clock),
                    hostExec));
        }
        ProcessCache processes = new ProcessCache(
                new ProcessWalker(config.procRoot(), PageSize.read(config.procRoot()), System::nanoTime),
                config.procRoot(),
                clock);
        if (hostSide && config.processes()) {
            tickers.add(processes::tick);
            sources.add(new ProcessReporter(hostId, processes, config.omitCommandArguments()));
        }
        List<Ipv4Cidr> bridges = config.docker() ? bridgeNetworks(config.dockerBridge()) : List.of();
        EndpointIds endpointIds = new EndpointIds(hostId, bridges);
        if (hostSide) {
            sources.add(new EndpointReporter(
                    endpointIds,
                    hostNodeId,
                    new ConnectionScanner(
                            config.procRoot(),
                            config.processes() && config.spyProcs(),
                            SockDiag.open().orElse(null),
                            System::nanoTime),
                    processes,
                    clock));
        }

        // the plugins publish shortcuts through the probe, which needs the plugins as a source
        AtomicReference<Probe> probeRef = new AtomicReference<>();
        if (config.pluginsRoot() != null) {
            this.plugins = new PluginRegistry(
                    config.pluginsRoot(),
                    identity.probeId(),
                    new SocketChannelHttpClient(identity.userAgent()),
                    new JsonReportParser(),
                    controls,
                    report -> probeRef.get().publishShortcut(report));
            sources.add(plugins);
        } else {
            this.plugins = null;
        }
        if (hostSide && config.docker()) {
            RuntimeApi engine = new DockerEngineClient(config.dockerSocket());
            this.containers = new ContainerRegistry(
                    engine,
                    new NamespaceAddresses(config.procRoot()),
                    config.dockerInterval(),
                    config.spyInterval(),
                    System::nanoTime);
            CachedHostAddresses addresses = new CachedHostAddresses(config.dockerInterval());
            DockerReporter docker = new DockerReporter(
                    containers,
                    new ContainerNodes(endpointIds, config.omitCommandArguments(), config.omitEnvironmentVariables()),
                    hostId,
                    identity.probeId(),
                    addresses::get,
                    report -> probeRef.get().publishShortcut(report),
                    clock);
            containers.setListener(docker);
            sources.add(docker);
            if (config.processes()) {
                taggers.add(new DockerTagger(containers, processes, config.procRoot(), System::nanoTime, clock));
            }
            if (!config.noControls()) {
                new DockerControls(engine, containers, pipes).register(controls);
            }
        } else {
            this.containers = null;
        }
        if (k8s.tagsContainers()) {
            taggers.add(new PodTagger(clock));
        }
        if (k8s.watchesApi()) {
            this.kubernetesClient = new KubernetesClientBuilder()
                    .withConfig(ClientConfigs.from(k8s, env))
                    .build();
            this.clusterInformers = new ClusterInformers(kubernetesClient, k8s.resync());
            this.kubernetesReporter = new KubernetesReporter(
                    clusterInformers,
                    identity.probeId(),
                    k8s.role() == KubernetesRole.BOTH ? k8s.nodeName() : "",
                    k8s.role() == KubernetesRole.BOTH && k8s.nodeName().isEmpty() && k8s.kubeletPort() != 0
                            ? new KubeletPods(k8s.kubeletPort())::uids
                            : null,
                    report -> probeRef.get().publishShortcut(report),
                    clock);
            sources.add(kubernetesReporter);
            if (!config.noControls()) {
                new KubernetesControls(kubernetesClient, clusterInformers, pipes, clock).register(controls);
            }
            log.info(
                    "Kubernetes: role {}, API server {}",
                    k8s.role() == KubernetesRole.BOTH ? "\"\"" : k8s.role().flagValue(),
                    kubernetesClient.getMasterUrl());
        } else {
            this.kubernetesClient = null;
            this.clusterInformers = null;
            this.kubernetesReporter = null;
        }
        Reporter reporter =
                new Reporter(sources, taggers, hostSide ? new Tagger(hostNodeId) : Tagger.topologyOnly(), clock);
        this.probe = new Probe(
                reporter,
                tickers,
                publisher,
                config.spyInterval(),
                config.publishInterval(),
                !hostSide && kubernetesReporter != null ? config.fullReportEvery() : 1,
                config.noControls(),
                clock);
        probeRef.set(probe);

        if (config.noControls()) {
            this.controlServer = null;
        } else {
            Backoff reconnect =
                    new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.3, () -> ThreadLocalRandom.current()
                            .nextDouble());
            this.controlServer = new ControlServer(
                    new JdkWebSocketControlLink(http, config.serviceUrl(), identity),
                    controls,
                    controlWorkers,
                    timer,
                    reconnect,
                    System::nanoTime,
                    Duration.ofMillis(33_333),
                    Duration.ofSeconds(60));
        }
    }

    public ProbeIdentity identity() {
        return identity;
    }

    public String hostId() {
        return hostId;
    }

    public void start() {
        log.info("probe starting: version {}, probe ID {}, host {}", identity.version(), identity.probeId(), hostId);
        publisher.start();
        if (plugins != null) {
            plugins.scan();
            pluginScans = timer.scheduleWithFixedDelay(
                    this::scanPlugins,
                    PLUGIN_SCAN_INTERVAL.toMillis(),
                    PLUGIN_SCAN_INTERVAL.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (containers != null) {
            containers.start();
        }
        if (clusterInformers != null) {
            clusterInformers.start(kubernetesReporter);
        }
        probe.start();
        if (controlServer != null) {
            controlServer.start();
            appIdRefreshes = timer.scheduleWithFixedDelay(
                    this::refreshAppId, 0, APP_DETAILS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Learns the app ID that control requests carry to plugins, as Scope's probe does from /api. */
    private void refreshAppId() {
        appDetails
                .appId()
                .thenAccept(id -> id.ifPresent(controlServer::setAppId))
                .exceptionally(e -> {
                    log.warn("app ID refresh failed: {}", e.toString());
                    return null;
                });
    }

    private void scanPlugins() {
        try {
            plugins.scan();
        } catch (RuntimeException e) {
            log.warn("plugins: scan failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        log.info("probe stopping");
        cancel(pluginScans);
        cancel(appIdRefreshes);
        if (controlServer != null) {
            controlServer.close();
        }
        if (pipes != null) {
            pipes.closeAll();
        }
        if (containers != null) {
            containers.close();
        }
        if (kubernetesReporter != null) {
            kubernetesReporter.close();
        }
        if (clusterInformers != null) {
            clusterInformers.close();
            kubernetesClient.close();
        }
        probe.close();
        publisher.close();
        timer.shutdownNow();
        controlWorkers.shutdownNow();
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** The shell's environment: Scope gives it only TERM; a login shell needs a little more. */
    static Map<String, String> shellEnvironment(Map<String, String> env) {
        Map<String, String> shell = new java.util.TreeMap<>();
        shell.put("TERM", "xterm");
        for (String name : List.of("HOME", "USER", "LOGNAME", "PATH", "LANG", "SHELL")) {
            String value = env.get(name);
            if (value != null) {
                shell.put(name, value);
            }
        }
        shell.putIfAbsent("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        return shell;
    }

    /** The host's addresses, re-read at most every {@code ttl} (interfaces rarely change). */
    private static final class CachedHostAddresses {
        private final long ttlNanos;
        private DockerReporter.HostAddresses value;
        private long readAt;

        CachedHostAddresses(Duration ttl) {
            this.ttlNanos = ttl.toNanos();
        }

        synchronized DockerReporter.HostAddresses get() {
            long now = System.nanoTime();
            if (value == null || now - readAt > ttlNanos) {
                value = DockerReporter.readHostAddresses();
                readAt = now;
            }
            return value;
        }
    }

    /** The IPv4 networks of the Docker bridge, whose addresses Scope scopes with the host ID. */
    static List<Ipv4Cidr> bridgeNetworks(String bridge) {
        List<Ipv4Cidr> networks = new ArrayList<>();
        try {
            NetworkInterface nic = NetworkInterface.getByName(bridge);
            if (nic == null) {
                log.info("no {} bridge on this host", bridge);
                return networks;
            }
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                if (address.getAddress() instanceof Inet4Address ipv4) {
                    networks.add(Ipv4Cidr.parse(ipv4.getHostAddress() + "/" + address.getNetworkPrefixLength()));
                }
            }
        } catch (SocketException e) {
            log.warn("cannot read the {} bridge: {}", bridge, e.toString());
        }
        return networks;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
