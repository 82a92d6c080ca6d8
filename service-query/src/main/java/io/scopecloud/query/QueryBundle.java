package io.scopecloud.query;

import static java.util.Objects.requireNonNull;

import com.codahale.metrics.health.HealthCheck;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.scopecloud.common.kafka.ReportTopic;
import io.scopecloud.query.app.AppApiResource;
import io.scopecloud.query.window.OrgWindows;
import io.scopecloud.query.window.ReportConsumer;
import io.scopecloud.tenancy.TenancyBundle;
import java.time.Clock;

/** The UI-facing side: each owned org's window, fed from Kafka, and the app API over it. */
public final class QueryBundle<C extends Configuration & QuerySettings> implements ConfiguredBundle<C> {
    private final TenancyBundle<?> tenancy;

    public QueryBundle(TenancyBundle<?> tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @Override
    public void run(C configuration, Environment environment) {
        QueryFactory query = configuration.getQuery();
        new ReportTopic(configuration.getKafka()).ensureExists();
        OrgWindows windows = new OrgWindows(query.getWindow().toJavaDuration(), Clock.systemUTC());
        ReportConsumer consumer =
                new ReportConsumer(configuration.getKafka(), query.getConsumerGroup(), windows, Clock.systemUTC());
        environment.lifecycle().manage(consumer);
        environment.healthChecks().register("report-consumer", new HealthCheck() {
            @Override
            protected Result check() {
                return consumer.fatalError()
                        .map(e -> Result.unhealthy("report consumer stopped: " + e))
                        .orElseGet(() -> consumer.isAssigned()
                                ? Result.healthy()
                                : Result.unhealthy("waiting for partitions from the consumer group"));
            }
        });
        environment.jersey().register(new AppApiResource(tenancy.tenancy().orgAccess(), windows));
    }
}
