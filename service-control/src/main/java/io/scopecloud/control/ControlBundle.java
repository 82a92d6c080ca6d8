package io.scopecloud.control;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.scopecloud.common.web.ScopeAppApiResponses;
import io.scopecloud.control.api.AuditResource;
import io.scopecloud.control.api.ControlFailureMapper;
import io.scopecloud.control.api.ControlPolicy;
import io.scopecloud.control.api.ControlResource;
import io.scopecloud.control.api.ControlService;
import io.scopecloud.control.api.FastControls;
import io.scopecloud.control.audit.AuditDao;
import io.scopecloud.control.audit.AuditLog;
import io.scopecloud.control.audit.AuditWriter;
import io.scopecloud.control.pipe.InternalPipeResource;
import io.scopecloud.control.pipe.PipeDao;
import io.scopecloud.control.pipe.PipeHub;
import io.scopecloud.control.pipe.Pipes;
import io.scopecloud.control.pipe.ProbePipeResource;
import io.scopecloud.control.pipe.UiPipeResource;
import io.scopecloud.control.probe.LiveTokenDao;
import io.scopecloud.control.probe.ProbeClaimDao;
import io.scopecloud.control.probe.ProbeConnectionDao;
import io.scopecloud.control.probe.ProbeConnections;
import io.scopecloud.control.probe.SocketSettings;
import io.scopecloud.control.probe.Sweep;
import io.scopecloud.control.probe.TokenSockets;
import io.scopecloud.control.routing.ControlInstance;
import io.scopecloud.control.routing.ControlInstanceDao;
import io.scopecloud.control.routing.ControlRouter;
import io.scopecloud.control.routing.ControlTimer;
import io.scopecloud.control.routing.Heartbeat;
import io.scopecloud.control.routing.InternalControlResource;
import io.scopecloud.control.routing.InternalSecret;
import io.scopecloud.control.routing.LocalControls;
import io.scopecloud.control.routing.ProbeWhereabouts;
import io.scopecloud.control.routing.RegistryListener;
import io.scopecloud.control.routing.RemoteControls;
import io.scopecloud.control.web.EncodedSlashes;
import io.scopecloud.control.web.Handshakes;
import io.scopecloud.control.web.InternalPathsGate;
import io.scopecloud.control.web.ProbeAuth;
import io.scopecloud.control.web.WebSocketRoutes;
import io.scopecloud.ops.Meters;
import io.scopecloud.ops.Readiness;
import io.scopecloud.tenancy.Tenancy;
import io.scopecloud.tenancy.TenancyBundle;
import io.scopecloud.tenancy.TenancySettings;
import io.scopecloud.tenancy.web.CsrfFilter;
import java.net.http.HttpClient;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The control service: probes' control websockets ({@code /api/control/ws}), routing of UI
 * control calls to whichever instance holds the probe, pipes, and the audit log. Add it after the
 * {@link TenancyBundle}, which migrates the schema first.
 */
public final class ControlBundle<C extends Configuration & TenancySettings & ControlSettings>
        implements ConfiguredBundle<C> {
    /** The PostgreSQL application name of the connection that hears the registry's notices. */
    public static final String LISTENER_NAME = "scope-cloud control registry listener";
    /** How long a probe's whereabouts are kept at most: changes no notice covers are rare (a paused instance). */
    private static final Duration WHEREABOUTS_TTL = Duration.ofSeconds(30);

    private static final long WHEREABOUTS_MAX = 100_000;
    private final TenancyBundle<?> tenancy;
    private @Nullable ControlInstance instance;

    public ControlBundle(TenancyBundle<?> tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @Override
    public void run(C configuration, Environment environment) {
        ControlFactory control = configuration.getControl();
        Tenancy tenants = tenancy.tenancy();
        Jdbi jdbi = tenants.jdbi(); // one pool, with the SqlObject and PostgreSQL plugins installed
        ObjectMapper json = environment.getObjectMapper();

        ControlTimer timer = new ControlTimer();
        environment.lifecycle().manage(timer);
        ControlInstance self = ControlInstance.withRandomId();
        instance = self;
        if (control.getAdvertisedUrl() != null) {
            self.setUrl(control.getAdvertisedUrl().toString());
        }
        InternalSecret secret = InternalSecret.of(control.getInternalSecret());
        HttpClient http =
                RemoteControls.defaultClient(control.getForwardConnectTimeout().toJavaDuration());
        RemoteControls remote = new RemoteControls(http, secret, json);

        ProbeConnections connections = new ProbeConnections(
                jdbi.onDemand(ProbeConnectionDao.class),
                self,
                control.getInstanceExpiry().toJavaDuration(),
                remote::evict);
        Heartbeat heartbeat = new Heartbeat(
                self,
                jdbi.onDemand(ControlInstanceDao.class),
                connections,
                timer.executor(),
                control.getHeartbeatInterval().toJavaDuration(),
                control.getInstanceExpiry().toJavaDuration());
        environment.lifecycle().manage(heartbeat);
        registerOnceListening(environment, self, heartbeat);

        PipeHub.PipeSettings pipeSettings = pipeSettings(control);
        PipeDao pipeDao = jdbi.onDemand(PipeDao.class);
        PipeHub hub = new PipeHub(pipeDao, self, timer.executor(), pipeSettings, System::nanoTime);
        environment.lifecycle().manage(hub);
        Pipes pipes = new Pipes(pipeDao, hub, self, remote, http, secret, timer.executor(), pipeSettings);

        LocalControls local = new LocalControls(connections);
        ProbeWhereabouts whereabouts = new ProbeWhereabouts(WHEREABOUTS_TTL, WHEREABOUTS_MAX);
        environment
                .lifecycle()
                .manage(new RegistryListener(
                        listeningConnection(configuration.getDatabase()),
                        whereabouts,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10)));
        ControlRouter router = new ControlRouter(self, connections, local, remote, whereabouts);
        AuditWriter auditWriter = new AuditWriter(jdbi, json, 100_000);
        environment.lifecycle().manage(auditWriter);
        AuditLog audit = new AuditLog(auditWriter, jdbi.onDemand(AuditDao.class), json);
        MeterRegistry registry = Meters.of(environment);
        ControlMetrics metrics = new ControlMetrics(registry, connections, hub);
        ControlService service = new ControlService(
                new ControlPolicy(),
                router,
                audit,
                pipes,
                Clock.systemUTC(),
                control.getCallTimeout().toJavaDuration(),
                metrics);

        int maxArgs = (int) control.getMaxArgsSize().toBytes();
        environment.jersey().register(new ControlResource(tenants.orgAccess(), service, maxArgs));
        environment.jersey().register(new AuditResource(tenants.orgAccess(), audit));
        environment.jersey().register(new ControlFailureMapper());
        ScopeAppApiResponses.install(environment);
        environment.jersey().register(new InternalControlResource(secret, local, connections));
        ProbeAuth probeAuth = new ProbeAuth(tenants.probeTokens());
        environment.jersey().register(new ProbePipeResource(probeAuth, pipes));
        environment.jersey().register(new UiPipeResource(tenants.orgAccess(), pipes));
        environment.jersey().register(new InternalPipeResource(pipes));

        TokenSockets tokenSockets = new TokenSockets(jdbi.onDemand(LiveTokenDao.class));
        long sweepMs =
                Math.max(100, configuration.getTenancy().getTokenCacheTtl().toMilliseconds());
        environment
                .lifecycle()
                .manage(new Sweep(
                        timer.executor(), "Checking the tokens of open probe sockets", tokenSockets::sweep, sweepMs));
        ProbeClaimDao claims = jdbi.onDemand(ProbeClaimDao.class);
        long claimRetentionSeconds = control.getProbeClaimRetention().toSeconds();
        environment
                .lifecycle()
                .manage(new Sweep(
                        timer.executor(),
                        "Forgetting the claims of probes gone for " + control.getProbeClaimRetention(),
                        () -> claims.forgetGone(claimRetentionSeconds),
                        TimeUnit.HOURS.toMillis(1)));
        Handshakes handshakes = new Handshakes(
                probeAuth,
                tenants.orgAccess(),
                tenants.siteOrigin(),
                connections,
                claims,
                tokenSockets,
                pipes,
                timer.executor(),
                socketSettings(control),
                Clock.systemUTC());
        // The UI's control calls, answered in front of Jersey with the same checks, service and answers (ADR 0006).
        environment
                .getApplicationContext()
                .insertHandler(new FastControls(
                        tenants.orgAccess(),
                        new CsrfFilter(tenants.sessions(), tenants.siteOrigin()),
                        service,
                        json,
                        maxArgs,
                        registry));
        // Scope's control path carries node ids with '/' sent as %2F (scope-contract §3).
        EncodedSlashes.allow(environment.getApplicationContext(), environment.lifecycle());
        // Our websockets go through our own handler, in front of Jersey; it shares the context's
        // one websocket container with other bundles' handlers (the query service's).
        environment
                .getApplicationContext()
                .insertHandler(new WebSocketRoutes(environment.getApplicationContext(), handshakes, json));
        // Inserted last, so it runs first: /internal without the secret is 404 before anything else looks.
        environment.getApplicationContext().insertHandler(new InternalPathsGate(secret));
        environment.healthChecks().register("control-instance", healthCheck(self, connections, whereabouts));
        Readiness.of(environment).register("control-registry", heartbeat::waitingFor);
    }

    /** A connection of its own for {@link RegistryListener}, named so that an operator sees what it is. */
    private static RegistryListener.ConnectionSource listeningConnection(DataSourceFactory database) {
        return () -> {
            Properties properties = new Properties();
            properties.putAll(database.getProperties());
            if (database.getUser() != null) {
                properties.setProperty("user", database.getUser());
            }
            if (database.getPassword() != null) {
                properties.setProperty("password", database.getPassword());
            }
            properties.setProperty("ApplicationName", LISTENER_NAME);
            return DriverManager.getConnection(database.getUrl(), properties);
        };
    }

    private static PipeHub.PipeSettings pipeSettings(ControlFactory control) {
        return new PipeHub.PipeSettings(
                control.getPipeGcInterval().toJavaDuration(),
                control.getPipeIdleTimeout().toJavaDuration(),
                control.getPipeTombstone().toJavaDuration(),
                control.getPingInterval().toJavaDuration(),
                control.getMaxMessageSize().toBytes());
    }

    private static SocketSettings socketSettings(ControlFactory control) {
        return new SocketSettings(
                control.getPingInterval().toJavaDuration(),
                control.getPongTimeout().toJavaDuration(),
                control.getMaxMessageSize().toBytes());
    }

    private static HealthCheck healthCheck(
            ControlInstance self, ProbeConnections connections, ProbeWhereabouts whereabouts) {
        return new HealthCheck() {
            @Override
            protected Result check() {
                return self.hasUrl()
                        ? Result.healthy(
                                "%s at %s, %d probes, %s",
                                self.instanceId(),
                                self.url(),
                                connections.size(),
                                whereabouts.hearing()
                                        ? "hearing the registry's notices"
                                        : "not hearing the registry's notices (every call reads the registry)")
                        : Result.unhealthy("not registered yet");
            }
        };
    }

    /** This instance, once the bundle has run (tests and diagnostics). */
    public ControlInstance instance() {
        if (instance == null) {
            throw new IllegalStateException("ControlBundle has not run yet");
        }
        return instance;
    }

    private static void registerOnceListening(Environment environment, ControlInstance self, Heartbeat heartbeat) {
        if (self.hasUrl()) {
            return;
        }
        String contextPath = environment.getApplicationContext().getContextPath();
        String path = contextPath == null || contextPath.equals("/") ? "" : contextPath;
        environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
            @Override
            public void serverStarted(org.eclipse.jetty.server.Server server) {
                self.setUrl("http://127.0.0.1:" + getLocalPort(server) + path);
                heartbeat.register();
            }
        });
    }
}
