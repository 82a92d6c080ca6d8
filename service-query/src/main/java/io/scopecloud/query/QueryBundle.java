package io.scopecloud.query;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.scopecloud.common.kafka.ReportTopic;
import io.scopecloud.common.web.ScopeAppApiResponses;
import io.scopecloud.ops.Meters;
import io.scopecloud.ops.Readiness;
import io.scopecloud.query.app.AppApiResource;
import io.scopecloud.query.app.OrgRequests;
import io.scopecloud.query.app.Prerender;
import io.scopecloud.query.app.QueryExceptionMapper;
import io.scopecloud.query.app.RequestActivity;
import io.scopecloud.query.app.WarmUp;
import io.scopecloud.query.live.LiveTopologyHandler;
import io.scopecloud.query.live.LiveUpdates;
import io.scopecloud.query.owner.Forwarder;
import io.scopecloud.query.owner.Ownership;
import io.scopecloud.query.owner.Placement;
import io.scopecloud.query.topology.TopologyRegistry;
import io.scopecloud.query.topology.Views;
import io.scopecloud.query.window.HeldPartitions;
import io.scopecloud.query.window.HistoricWindows;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.tenancy.TenancyBundle;
import io.scopecloud.tenancy.access.OrgAccess;
import java.time.Clock;
import org.eclipse.jetty.server.Server;

/**
 * The UI-facing side: each owned org's window, fed from Kafka, the app API and the topology
 * websockets over it, and forwarding to the instance that owns an org. The report consumer starts
 * once the server listens, because the group must learn this instance's URL (docs/adr/0005).
 */
public final class QueryBundle<C extends Configuration & QuerySettings> implements ConfiguredBundle<C> {
    /** Enough rounds for the JIT to compile the read paths (measured in bench/README.md, issue 19). */
    private static final int WARM_UP_ROUNDS = 300;

    private final TenancyBundle<?> tenancy;
    private QueryServices services;

    public QueryBundle(TenancyBundle<?> tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @Override
    public void run(C configuration, Environment environment) {
        QueryFactory query = configuration.getQuery();
        new ReportTopic(configuration.getKafka()).ensureExists();
        Clock clock = Clock.systemUTC();
        OrgWindows windows = new OrgWindows(
                query.getWindow().toJavaDuration(), query.getMergeInterval().toJavaDuration(), clock);
        Ownership ownership = new Ownership(configuration.getKafka(), query.getConsumerGroup(), clock);
        HeldPartitions held = new HeldPartitions();
        Placement placement =
                new Placement(ownership, held, query.getHandOverWait().toJavaDuration());
        LiveUpdates live = new LiveUpdates();
        windows.addListener(live);
        held.onRevoked(live::moved);
        environment.lifecycle().manage(live);

        MeterRegistry registry = Meters.of(environment);
        ConsumerStarter consumer =
                new ConsumerStarter(configuration.getKafka(), query, windows, held, ownership, clock, registry);
        environment.lifecycle().manage(consumer);
        environment.lifecycle().addServerLifecycleListener(consumer);
        environment.healthChecks().register("report-consumer", consumer.healthCheck());
        Readiness.of(environment).register("report-consumer", consumer.readiness());
        QueryMetrics metrics = new QueryMetrics(registry);
        metrics.watch(windows, live);

        OrgAccess access = tenancy.tenancy().orgAccess();
        Views views = new Views(new TopologyRegistry(), metrics);
        HistoricWindows history =
                new HistoricWindows(configuration.getKafka(), query.getWindow().toJavaDuration(), clock);
        environment.jersey().register(new QueryExceptionMapper());
        ScopeAppApiResponses.install(environment);
        OrgRequests orgRequests =
                new OrgRequests(access, windows, history, placement, new Forwarder(), environment.getObjectMapper());
        environment.jersey().register(new AppApiResource(orgRequests, views));
        // the hot reads that Jersey has answered once, answered again in front of it (docs/adr/0019)
        RequestActivity activity = new RequestActivity();
        environment.getApplicationContext().insertHandler(orgRequests.fastReads(activity, registry));
        Prerender prerender = orgRequests.prerender(registry);
        windows.addListener(prerender);
        environment.lifecycle().manage(prerender);
        if (query.getWarmUp().toMilliseconds() > 0) {
            WarmUp warmUp = new WarmUp(
                    environment.getObjectMapper(),
                    WARM_UP_ROUNDS,
                    query.getWarmUp().toJavaDuration(),
                    activity);
            environment.lifecycle().addServerLifecycleListener(new ServerLifecycleListener() {
                @Override
                public void serverStarted(Server server) {
                    warmUp.start();
                }
            });
        }
        environment
                .getApplicationContext()
                .insertHandler(new LiveTopologyHandler(
                        access,
                        tenancy.tenancy().siteOrigin(),
                        windows,
                        history,
                        views,
                        live,
                        placement,
                        query.getMinPushInterval().toJavaDuration(),
                        environment.getObjectMapper()));
        services = new QueryServices(windows, views, live, ownership);
    }

    /** What this bundle built, for tests and benchmarks; available once it has run. */
    public QueryServices services() {
        if (services == null) {
            throw new IllegalStateException("QueryBundle has not run yet");
        }
        return services;
    }

    /** The query service's parts. */
    public record QueryServices(OrgWindows windows, Views views, LiveUpdates live, Ownership ownership) {}
}
