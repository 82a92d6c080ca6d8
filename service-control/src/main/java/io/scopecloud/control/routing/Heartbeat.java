package io.scopecloud.control.routing;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.scopecloud.control.probe.ProbeConnections;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance in {@code control_instances}: registers it once its URL is known, refreshes
 * its heartbeat, re-registers its probes if its row was lost (say, after a long pause), removes
 * instances that stopped beating, and deletes its row when stopping. Whenever many probes became
 * reachable or unreachable at once (a late heartbeat, a re-registration, instances removed), it
 * announces it on the registry's channel, so every instance forgets where it found probes.
 */
public final class Heartbeat implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final ControlInstance instance;
    private final ControlInstanceDao dao;
    private final ProbeConnections probes;
    private final ScheduledExecutorService timer;
    private final Duration interval;
    private final double expirySeconds;
    private volatile boolean registered;
    private volatile @Nullable String lastFailure;
    private volatile @Nullable ScheduledFuture<?> task;
    private long lastBeatNanos; // the timer's thread only

    public Heartbeat(
            ControlInstance instance,
            ControlInstanceDao dao,
            ProbeConnections probes,
            ScheduledExecutorService timer,
            Duration interval,
            Duration expiry) {
        this.instance = requireNonNull(instance, "instance is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.probes = requireNonNull(probes, "probes is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.expirySeconds = requireNonNull(expiry, "expiry is null").toMillis() / 1000.0;
    }

    @Override
    public void start() {
        if (instance.hasUrl()) {
            register();
        }
        long ms = interval.toMillis();
        task = timer.scheduleWithFixedDelay(this::beat, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Registers the instance; called at start with an advertised URL, else once the port is known. */
    public synchronized void register() {
        dao.upsert(instance.instanceId(), instance.url());
        registered = true;
        LOG.info("Control instance {} registered at {}", instance.instanceId(), instance.url());
    }

    void beat() {
        if (!registered) {
            return;
        }
        try {
            long now = System.nanoTime();
            boolean late = lastBeatNanos != 0 && now - lastBeatNanos > (long) (expirySeconds * 1e9);
            if (dao.heartbeat(instance.instanceId()) == 0) {
                LOG.warn(
                        "Control instance {} had been expired; registering it and its probes again",
                        instance.instanceId());
                dao.upsert(instance.instanceId(), instance.url());
                probes.reRegisterAll(); // announces it
            } else if (late) {
                // Other instances may have found this one's probes nowhere meanwhile: they are back.
                probes.announceEverything();
            }
            lastBeatNanos = now;
            probes.touchAll();
            lastFailure = null;
            int expired = dao.deleteExpired(expirySeconds);
            if (expired > 0) {
                LOG.info("Removed {} control instance(s) that stopped beating", expired);
                probes.announceEverything(); // their probes are gone with them
            }
        } catch (RuntimeException e) {
            lastFailure = e.toString();
            LOG.warn("Control heartbeat failed: {}", e.toString());
        }
    }

    /**
     * Empty while this instance is in the registry and its last heartbeat reached it: other
     * instances can then route calls for its probes here. Otherwise, why not.
     */
    public Optional<String> waitingFor() {
        if (!registered) {
            return Optional.of("not registered in control_instances yet");
        }
        String failure = lastFailure;
        return failure == null
                ? Optional.empty()
                : Optional.of("the last heartbeat did not reach the registry: " + failure);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        probes.closeAll();
        if (registered) {
            try {
                dao.delete(instance.instanceId());
            } catch (RuntimeException e) {
                LOG.warn("Could not deregister control instance {}: {}", instance.instanceId(), e.toString());
            }
        }
    }
}
