package io.scopecloud.probe;

import static java.util.Objects.requireNonNull;

import io.scopecloud.report.Report;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combines the sources into one tagged report. {@link #sample()} takes one sample of every
 * ordinary source (host, processes, containers, plugins) and merges them (a failing source
 * contributes nothing, as in Scope); the integrations' taggers add what they know about other
 * sources' nodes (the Docker tagger puts processes in their containers), the tagger stamps
 * topologies and host links, and the report gets the sample's time as its TS.
 *
 * <p>{@link ObservingSource}s look at every spy tick ({@link #look()}); their part is built once
 * per publish by {@link #observed()}. The integrations' taggers do not see it (they tag processes
 * and containers, not endpoints).
 */
public final class Reporter {
    private static final Logger log = LoggerFactory.getLogger(Reporter.class);

    private final List<ReportSource> sources;
    private final List<UnaryOperator<Report>> taggers;
    private final Tagger tagger;
    private final Clock clock;

    public Reporter(List<ReportSource> sources, Tagger tagger, Clock clock) {
        this(sources, List.of(), tagger, clock);
    }

    /** @param taggers run in order on each tick's merged report, before {@code tagger} */
    public Reporter(List<ReportSource> sources, List<UnaryOperator<Report>> taggers, Tagger tagger, Clock clock) {
        this.sources = List.copyOf(requireNonNull(sources, "sources is null"));
        this.taggers = List.copyOf(requireNonNull(taggers, "taggers is null"));
        this.tagger = requireNonNull(tagger, "tagger is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Lets every observing source look at the host (a spy tick). */
    public void look() {
        for (ReportSource source : sources) {
            if (source instanceof ObservingSource observing) {
                try {
                    observing.observe();
                } catch (Exception e) {
                    log.warn("{} reporter failed: {}", source.name(), e.toString());
                }
            }
        }
    }

    /** One sample of every ordinary source, merged and tagged. */
    public Report sample() {
        List<Report> parts = new ArrayList<>(sources.size());
        for (ReportSource source : sources) {
            if (source instanceof ObservingSource) {
                continue;
            }
            try {
                parts.add(source.report());
            } catch (Exception e) {
                log.warn("{} reporter failed: {}", source.name(), e.toString());
            }
        }
        Report merged = Report.empty();
        for (Report part : parts) {
            merged = merged.merge(part);
        }
        for (UnaryOperator<Report> t : taggers) {
            try {
                merged = t.apply(merged);
            } catch (RuntimeException e) {
                log.warn("tagger failed: {}", e.toString());
            }
        }
        return tag(merged.withTs(clock.instant()));
    }

    /** What the observing sources saw since the last call, tagged; called once per publish. */
    public Report observed() {
        Report merged = Report.empty();
        for (ReportSource source : sources) {
            if (source instanceof ObservingSource observing) {
                try {
                    merged = merged.merge(observing.drain());
                } catch (RuntimeException e) {
                    log.warn("{} reporter failed: {}", source.name(), e.toString());
                }
            }
        }
        return tag(merged);
    }

    /** Tags a report that did not come from a spy tick (a plugin's shortcut report). */
    public Report tag(Report report) {
        return tagger.tag(report, clock.instant());
    }
}
