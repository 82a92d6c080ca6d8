package io.scopecloud.probe;

import io.scopecloud.report.Report;

/**
 * A source that looks at the host every spy tick but builds its report only when the probe
 * publishes. Its report holds what a merge of one report per tick would hold: everything seen
 * since the last publish, each value with the time it was last seen. For a large topology (10,000
 * endpoints) building and merging a report every tick costs far more than looking, and the
 * publish interval is three ticks.
 *
 * <p>{@link #observe()} is called from the spy loop, {@link #drain()} from the publish loop, so
 * implementations are thread-safe. {@link #report()} observes and drains at once.
 */
public interface ObservingSource extends ReportSource {
    /** Looks at the host now and remembers what it saw. */
    void observe() throws Exception;

    /** Everything observed since the last drain, untagged; forgets it. */
    Report drain();

    @Override
    default Report report() throws Exception {
        observe();
        return drain();
    }
}
