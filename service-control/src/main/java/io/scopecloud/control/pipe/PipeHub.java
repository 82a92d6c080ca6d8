package io.scopecloud.control.pipe;

import static java.util.Objects.requireNonNull;

import io.dropwizard.lifecycle.Managed;
import io.scopecloud.control.routing.ControlInstance;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipes this instance is home to, with Scope's lifecycle (scope-contract §3): every
 * {@code gcInterval}, a pipe either end of which has had no connection for {@code idle} is closed,
 * and a closed pipe is forgotten after {@code tombstone} (until then, checks answer 404).
 */
public final class PipeHub implements Managed {
    private static final Logger LOG = LoggerFactory.getLogger(PipeHub.class);

    private final ConcurrentHashMap<PipeKey, Pipe> pipes = new ConcurrentHashMap<>();
    private final PipeDao dao;
    private final ControlInstance self;
    private final ScheduledExecutorService timer;
    private final PipeSettings settings;
    private final LongSupplier nanoTime;
    private volatile @Nullable ScheduledFuture<?> task;

    /** Pipes with an end on this instance. */
    public int size() {
        return pipes.size();
    }

    public PipeHub(
            PipeDao dao,
            ControlInstance self,
            ScheduledExecutorService timer,
            PipeSettings settings,
            LongSupplier nanoTime) {
        this.dao = requireNonNull(dao, "dao is null");
        this.self = requireNonNull(self, "self is null");
        this.timer = requireNonNull(timer, "timer is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /** The pipe, created here if this instance has not seen it yet. */
    public Pipe ensure(PipeKey key) {
        return pipes.computeIfAbsent(key, k -> new Pipe(k, nanoTime));
    }

    public Optional<Pipe> find(PipeKey key) {
        return Optional.ofNullable(pipes.get(key));
    }

    /** Closes the pipe here (its record is already marked closed). */
    public void close(PipeKey key) {
        Pipe pipe = pipes.get(key);
        if (pipe != null && pipe.close()) {
            LOG.debug("Pipe {} closed", key.pipeId());
        }
    }

    @Override
    public void start() {
        long ms = settings.gcInterval().toMillis();
        task = timer.scheduleWithFixedDelay(this::collect, ms, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
        pipes.values().forEach(Pipe::close);
    }

    /** One collection pass; public for tests that do not want to wait for the timer. */
    public void collect() {
        try {
            if (self.hasUrl()) {
                for (PipeRecord closed : dao.closedAt(self.instanceId())) {
                    close(new PipeKey(closed.orgId(), closed.pipeId())); // closed elsewhere
                }
            }
            for (Map.Entry<PipeKey, Pipe> entry : pipes.entrySet()) {
                PipeKey key = entry.getKey();
                Pipe pipe = entry.getValue();
                if (pipe.closedFor(settings.tombstone())) {
                    pipes.remove(key, pipe);
                    dao.forget(key.orgId(), key.pipeId());
                } else if (pipe.idleFor(settings.idle())) {
                    LOG.debug("Pipe {} closed: an end was away for {}", key.pipeId(), settings.idle());
                    dao.close(key.orgId(), key.pipeId()); // first, so a check never sees it open again
                    pipe.close();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Pipe collection failed: {}", e.toString());
        }
    }

    /** Scope's pipe lifecycle and limits. */
    public record PipeSettings(
            Duration gcInterval, Duration idle, Duration tombstone, Duration pingInterval, long maxMessageBytes) {
        public PipeSettings {
            requireNonNull(gcInterval, "gcInterval is null");
            requireNonNull(idle, "idle is null");
            requireNonNull(tombstone, "tombstone is null");
            requireNonNull(pingInterval, "pingInterval is null");
        }
    }
}
