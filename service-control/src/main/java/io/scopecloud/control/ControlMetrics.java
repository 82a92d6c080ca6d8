package io.scopecloud.control;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.scopecloud.control.api.ControlService;
import io.scopecloud.control.pipe.PipeHub;
import io.scopecloud.control.probe.ProbeConnections;
import io.scopecloud.control.rpc.Outcome;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A control instance in {@code /metrics}: {@code scope_control_calls_seconds{outcome}} (every UI
 * control call, by outcome, with its latency), {@code scope_control_probe_connections} (probes
 * holding their control websocket here) and {@code scope_control_pipes} (pipes with an end here).
 */
final class ControlMetrics implements ControlService.CallObserver {
    private final Map<Outcome, Timer> calls = new EnumMap<>(Outcome.class);

    ControlMetrics(MeterRegistry registry, ProbeConnections connections, PipeHub pipes) {
        requireNonNull(registry, "registry is null");
        for (Outcome outcome : Outcome.values()) {
            calls.put(
                    outcome,
                    Timer.builder("scope.control.calls")
                            .description("control calls from the UI, by outcome")
                            .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                            .register(registry));
        }
        Gauge.builder("scope.control.probe.connections", connections, ProbeConnections::size)
                .description("probes whose control websocket this instance holds")
                .register(registry);
        Gauge.builder("scope.control.pipes", pipes, PipeHub::size)
                .description("pipes (shells, logs) with an end on this instance")
                .register(registry);
    }

    @Override
    public void called(Outcome outcome, long nanos) {
        calls.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
    }
}
