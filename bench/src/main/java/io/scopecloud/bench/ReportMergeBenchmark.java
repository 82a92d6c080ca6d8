package io.scopecloud.bench;

import io.scopecloud.report.Report;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Merging a 15-second window of 100 host reports of 1,000 nodes each (target: under 50 ms on one core), as query
 * does before rendering: {@code hosts=100} is 100 hosts with one report each (100,000 distinct nodes);
 * {@code hosts=20} is 20 hosts × 5 reports, a full 15 s window at the 3 s publish interval, where every node
 * merges with four newer versions of itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
public class ReportMergeBenchmark {
    private static final int REPORTS = 100;

    @Param({"100", "20"})
    public int hosts;

    private List<Report> window;

    @Setup
    public void generate() {
        window = HostReports.window(hosts, REPORTS / hosts);
    }

    /** Scope's app merge: all reports at once, in TS order. */
    @Benchmark
    public Report mergeAll() {
        return Report.mergeAll(window);
    }

    /** Folding the pairwise, persistent merge. */
    @Benchmark
    public Report foldMerge() {
        Report acc = Report.empty();
        for (Report r : window) {
            acc = acc.merge(r);
        }
        return acc;
    }

    /** mergeAll plus what the app does before rendering. */
    @Benchmark
    public Report mergeAllUpgradeAndDropPartMerged() {
        return Report.mergeAll(window).upgrade().withoutPartMergedNodes();
    }
}
