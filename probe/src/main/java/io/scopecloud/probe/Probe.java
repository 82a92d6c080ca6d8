package io.scopecloud.probe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.probe.plugins.ShortcutPublisher;
import io.scopecloud.probe.publish.ReportPublisher;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The probe's two loops (Scope's {@code probe.Probe}). The spy loop lets the {@link ObservingSource}s
 * look at the host every spy interval (1 s): the connection scan, which must be frequent to catch
 * short-lived connections. The publish loop, every publish interval (3 s), runs the tickers (the
 * shared process walk), takes one sample of every other source (host, processes, containers
 * with the stats their registry read since, plugins), adds what the observing sources saw since the last publish and sends the report with
 * {@code Window} = the time since the last publish. Sampling processes once per publish instead of
 * once per tick is where this probe differs from Scope's: reading 500 {@code stat} files every
 * second cost more than everything else it does (see bench/README.md), and one sample per
 * report still gives the app a sample every 3 s. A publish is skipped when no spy tick has run
 * since the last. Shortcut reports are sent as soon as they arrive (several queued shortcuts are
 * merged into one send). With {@code --probe.no-controls} controls are stripped from everything
 * published. With {@code fullReportEvery} above 1, the publishes between full reports send
 * {@link DeltaReports} against the last full one, as Scope's probe does.
 */
public final class Probe implements ShortcutPublisher, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Probe.class);

    /** Something run before each sample of the sources (the process walk). */
    @FunctionalInterface
    public interface Ticker {
        void tick() throws Exception;
    }

    private final Reporter reporter;
    private final List<Ticker> tickers;
    private final ReportPublisher publisher;
    private final Duration spyInterval;
    private final Duration publishInterval;
    private final boolean noControls;
    private final int fullReportEvery;
    private final Clock clock;
    private final LinkedBlockingQueue<Report> shortcuts = new LinkedBlockingQueue<>(1024);
    private final Object ticksLock = new Object();
    private final Thread spyThread;
    private final Thread publishThread;
    private volatile boolean running = true;
    private int ticksSincePublish;
    private Report lastFull; // the full report deltas are made against; null: the next is full
    private int sinceFull;
    private long undeliveredAtFull;

    public Probe(
            Reporter reporter,
            List<Ticker> tickers,
            ReportPublisher publisher,
            Duration spyInterval,
            Duration publishInterval,
            boolean noControls,
            Clock clock) {
        this(reporter, tickers, publisher, spyInterval, publishInterval, 1, noControls, clock);
    }

    /**
     * @param fullReportEvery a full report every so many publishes and Scope's delta reports in
     *     between ({@code --probe.full-report-every}); 1 sends only full reports
     */
    public Probe(
            Reporter reporter,
            List<Ticker> tickers,
            ReportPublisher publisher,
            Duration spyInterval,
            Duration publishInterval,
            int fullReportEvery,
            boolean noControls,
            Clock clock) {
        if (fullReportEvery < 1) {
            throw new IllegalArgumentException("fullReportEvery must be at least 1: " + fullReportEvery);
        }
        this.fullReportEvery = fullReportEvery;
        this.reporter = requireNonNull(reporter, "reporter is null");
        this.tickers = List.copyOf(requireNonNull(tickers, "tickers is null"));
        this.publisher = requireNonNull(publisher, "publisher is null");
        this.spyInterval = positive(spyInterval, "spyInterval");
        this.publishInterval = positive(publishInterval, "publishInterval");
        this.noControls = noControls;
        this.clock = requireNonNull(clock, "clock is null");
        this.spyThread = new Thread(this::spyLoop, "scope-spy");
        this.publishThread = new Thread(this::publishLoop, "scope-publish-loop");
        spyThread.setDaemon(true);
        publishThread.setDaemon(true);
    }

    public void start() {
        runTickers(); // the first spy tick finds the processes that own the connections
        spyThread.start();
        publishThread.start();
    }

    /** Queues a plugin's shortcut report: tagged now, published at once. */
    @Override
    public void publishShortcut(Report report) {
        Report tagged = reporter.tag(report).withShortcut(true).withWindowNanos(0);
        if (!shortcuts.offer(tagged)) {
            log.warn("too many shortcut reports queued; dropping one");
        }
    }

    /** Runs one spy tick: the observing sources look at the host. */
    public void spyOnce() {
        reporter.look();
        synchronized (ticksLock) {
            ticksSincePublish++;
        }
    }

    /**
     * Samples the sources and publishes them with what was observed since the last publish, if a
     * spy tick has run since then.
     *
     * @param window the time the report covers
     * @return whether a report was handed to the publisher
     */
    public boolean publishOnce(Duration window) {
        synchronized (ticksLock) {
            if (ticksSincePublish == 0) {
                return false;
            }
            ticksSincePublish = 0;
        }
        runTickers();
        Report report = sanitise(reporter.sample().merge(reporter.observed()))
                .withWindowNanos(window.toNanos())
                .withId(Report.randomId());
        publisher.publish(fullOrDelta(report), false);
        return true;
    }

    /**
     * {@code report}, or its delta against the last full report while fewer than
     * {@code fullReportEvery} publishes have passed since it and every report since was delivered.
     */
    private Report fullOrDelta(Report report) {
        if (fullReportEvery > 1
                && lastFull != null
                && sinceFull < fullReportEvery
                && publisher.undelivered() == undeliveredAtFull) {
            sinceFull++;
            return DeltaReports.against(lastFull, report);
        }
        if (fullReportEvery > 1) {
            lastFull = report;
            sinceFull = 1;
            undeliveredAtFull = publisher.undelivered();
        }
        return report;
    }

    private void runTickers() {
        for (Ticker ticker : tickers) {
            try {
                ticker.tick();
            } catch (Exception e) {
                log.warn("ticker failed: {}", e.toString());
            }
        }
    }

    /** Sends every queued shortcut report merged into one. */
    private void publishShortcuts(Report first) {
        List<Report> more = new ArrayList<>();
        shortcuts.drainTo(more);
        Report merged = first;
        for (Report r : more) {
            merged = merged.merge(r);
        }
        publisher.publish(sanitise(merged).withShortcut(true).withWindowNanos(0).withId(Report.randomId()), true);
    }

    private Report sanitise(Report report) {
        if (!noControls) {
            return report;
        }
        Report result = report;
        for (TopologyType type : TopologyType.values()) {
            if (!report.topology(type).controls().isEmpty()) {
                result = result.withTopology(type, report.topology(type).withoutControls());
            }
        }
        return result;
    }

    private void spyLoop() {
        long next = System.nanoTime();
        while (running) {
            try {
                spyOnce();
            } catch (RuntimeException e) {
                log.error("spy tick failed", e);
            }
            next += spyInterval.toNanos();
            long wait = next - System.nanoTime();
            if (wait < 0) { // fell behind: do not try to catch up with a burst of ticks
                next = System.nanoTime();
                continue;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void publishLoop() {
        Instant lastPublish = clock.instant();
        long nextTick = System.nanoTime() + publishInterval.toNanos();
        long minGap = publishInterval.toNanos() / 100;
        long lastSend = 0;
        while (running) {
            try {
                long wait = nextTick - System.nanoTime();
                Report shortcut = wait > 0 ? shortcuts.poll(wait, TimeUnit.NANOSECONDS) : null;
                long sinceLast = System.nanoTime() - lastSend;
                if (sinceLast < minGap) {
                    TimeUnit.NANOSECONDS.sleep(minGap - sinceLast);
                }
                if (shortcut != null) {
                    publishShortcuts(shortcut);
                    lastSend = System.nanoTime();
                    continue;
                }
                nextTick += publishInterval.toNanos();
                if (nextTick < System.nanoTime()) {
                    nextTick = System.nanoTime() + publishInterval.toNanos();
                }
                Instant now = clock.instant();
                if (publishOnce(Duration.between(lastPublish, now))) {
                    lastPublish = now;
                    lastSend = System.nanoTime();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("publish failed", e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        spyThread.interrupt();
        publishThread.interrupt();
        join(spyThread);
        join(publishThread);
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Duration positive(Duration d, String name) {
        requireNonNull(d, name + " is null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }
}
