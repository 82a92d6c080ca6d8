package io.scopecloud.ingest;

import static java.util.Objects.requireNonNull;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.MeterRegistry;
import io.scopecloud.common.kafka.ReportTopic;
import io.scopecloud.ingest.api.ApiResource;
import io.scopecloud.ingest.report.CompressedReportBodies;
import io.scopecloud.ingest.report.KafkaReportSink;
import io.scopecloud.ingest.report.ProbeSightings;
import io.scopecloud.ingest.report.RefusedReportsCloseConnection;
import io.scopecloud.ingest.report.ReportAdmission;
import io.scopecloud.ingest.report.ReportMetrics;
import io.scopecloud.ingest.report.ReportResource;
import io.scopecloud.ops.Meters;
import io.scopecloud.ops.Readiness;
import io.scopecloud.tenancy.TenancyBundle;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** The probe-facing intake: {@code POST /api/report} and {@code GET /api}. */
public final class IngestBundle<C extends Configuration & IngestSettings> implements ConfiguredBundle<C> {
    /** Threads that answer probes once Kafka holds their report (each answer is a short write). */
    private static final int ACK_THREADS = 2;

    private final TenancyBundle<?> tenancy;

    public IngestBundle(TenancyBundle<?> tenancy) {
        this.tenancy = requireNonNull(tenancy, "tenancy is null");
    }

    @Override
    public void run(C configuration, Environment environment) {
        IngestFactory ingest = configuration.getIngest();
        new ReportTopic(configuration.getKafka()).ensureExists();
        // Managed before the sink, so stopped after it: the records its close flushes are still answered here.
        ExecutorService acks = environment
                .lifecycle()
                .executorService("ingest-report-acks-%d")
                .minThreads(ACK_THREADS)
                .maxThreads(ACK_THREADS)
                .build();
        KafkaReportSink sink = new KafkaReportSink(configuration.getKafka(), "scope-ingest", acks);
        environment.lifecycle().manage(sink);
        MeterRegistry registry = Meters.of(environment);
        AutoCloseable producerMetrics = sink.bindMetrics(registry);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() throws Exception {
                producerMetrics.close();
            }
        });
        Readiness.of(environment).register("kafka-producer", sink::waitingFor);
        environment.jersey().register(new ReportMetrics(registry));
        environment.lifecycle().addEventListener(new CompressedReportBodies());

        ScheduledExecutorService background = environment
                .lifecycle()
                .scheduledExecutorService("ingest-probe-sightings-%d")
                .threads(1)
                .build();
        ProbeSightings sightings = new ProbeSightings(
                tenancy.tenancy().probes(),
                Clock.systemUTC(),
                background,
                ingest.getProbeSeenInterval().toJavaDuration(),
                ingest.getProbeSeenFlushDelay().toJavaDuration());

        environment
                .jersey()
                .register(new ReportResource(
                        tenancy.tenancy().probeTokens(),
                        sink,
                        sightings,
                        ingest.decodeLimits(),
                        ingest.orgQuotas(System::nanoTime),
                        Clock.systemUTC()));
        ReportAdmission admission = new ReportAdmission(
                ingest.getMaxReportsInProgress(),
                ingest.getReportAdmissionWait().toJavaDuration());
        admission.bindMetrics(registry);
        environment.getApplicationContext().insertHandler(admission);
        environment.jersey().register(new RefusedReportsCloseConnection());
        environment.jersey().register(new ApiResource(ingest.getServiceId()));
    }
}
