package io.scopecloud.query;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.scopecloud.common.kafka.KafkaFactory;
import io.scopecloud.common.web.BuildInfo;
import io.scopecloud.ops.Readiness;
import io.scopecloud.query.balance.LoadPlacement;
import io.scopecloud.query.owner.Ownership;
import io.scopecloud.query.window.HeldPartitions;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.query.window.ReportConsumer;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

/**
 * Starts the report consumer once the server listens: the instance joins the consumer group
 * under its advertised URL, so it only takes partitions once it can answer for them.
 */
final class ConsumerStarter implements Managed, ServerLifecycleListener {
    private final KafkaFactory kafka;
    private final QueryFactory query;
    private final OrgWindows windows;
    private final HeldPartitions held;
    private final Ownership ownership;
    private final Clock clock;
    private final MeterRegistry registry;
    private volatile @Nullable ReportConsumer consumer;
    private volatile @Nullable AutoCloseable consumerMetrics;

    ConsumerStarter(
            KafkaFactory kafka,
            QueryFactory query,
            OrgWindows windows,
            HeldPartitions held,
            Ownership ownership,
            Clock clock,
            MeterRegistry registry) {
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.query = requireNonNull(query, "query is null");
        this.windows = requireNonNull(windows, "windows is null");
        this.held = requireNonNull(held, "held is null");
        this.ownership = requireNonNull(ownership, "ownership is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public void serverStarted(Server server) {
        URI url = query.getAdvertisedUrl();
        if (url == null) {
            String host = query.getAdvertisedHost() == null ? BuildInfo.hostname() : query.getAdvertisedHost();
            url = URI.create("http://" + host + ":" + getLocalPort(server));
        }
        ownership.self(url);
        LoadPlacement placement =
                query.getPlacement().isByLoad() ? watched(query.getPlacement().build()) : null;
        ReportConsumer c = new ReportConsumer(
                kafka,
                query.getConsumerGroup(),
                Ownership.clientId(url),
                windows,
                held,
                clock,
                ownership::invalidate,
                placement);
        consumer = c;
        consumerMetrics = c.bindMetrics(registry);
        c.start();
    }

    /**
     * {@code scope_query_placement_leader} (1 on the instance that plans the group's placement) and
     * {@code scope_query_placement_moves_total} (partitions it moved between instances).
     */
    private LoadPlacement watched(LoadPlacement placement) {
        Gauge.builder("scope.query.placement.leader", placement, p -> p.isLeader() ? 1 : 0)
                .description("1 when this instance leads the query group's placement of partitions")
                .register(registry);
        FunctionCounter.builder("scope.query.placement.moves", placement, LoadPlacement::moved)
                .description("partitions this instance, as leader, moved between instances")
                .register(registry);
        return placement;
    }

    @Override
    public void stop() throws Exception {
        ReportConsumer c = consumer;
        if (c != null) {
            c.stop();
        }
        AutoCloseable metrics = consumerMetrics;
        if (metrics != null) {
            metrics.close();
        }
        ownership.close();
    }

    /** Ready once the group gave this instance its partitions and it read their windows. */
    Readiness.Check readiness() {
        return () -> {
            ReportConsumer c = consumer;
            if (c == null) {
                return Optional.of("the report consumer starts once the server listens");
            }
            if (c.fatalError().isPresent()) {
                return Optional.of("report consumer stopped: " + c.fatalError().get());
            }
            if (!c.isAssigned()) {
                return Optional.of("waiting for partitions from the consumer group");
            }
            return c.isRebuilt() ? Optional.empty() : Optional.of("rebuilding the windows of its partitions");
        };
    }

    HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                ReportConsumer c = consumer;
                if (c == null) {
                    return Result.unhealthy("the report consumer starts once the server listens");
                }
                return c.fatalError()
                        .map(e -> Result.unhealthy("report consumer stopped: " + e))
                        .orElseGet(() -> c.isAssigned()
                                ? Result.healthy()
                                : Result.unhealthy("waiting for partitions from the consumer group"));
            }
        };
    }
}
