package io.scopecloud.query.app;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.query.detail.Censor;
import io.scopecloud.query.render.RenderContext;
import io.scopecloud.query.topology.TopologyDescriptor;
import io.scopecloud.query.topology.TopologyRegistry;
import io.scopecloud.query.topology.Views;
import io.scopecloud.query.window.OrgSnapshot;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecodeException;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.ReportEncoder;
import io.scopecloud.report.codec.WireFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs what the first requests after a start would otherwise run cold (decoding a probe's report, merging, every view,
 * node details, the JSON and gzip of each), on a real Scope 1.13 probe report shipped in the jar, on a background
 * thread once the server listens: the JIT compiles those paths before a user's first requests need them
 * (docs/adr/0019). It touches no org: its renders go to their own snapshots and views, not to the windows nor the
 * metrics. It stands aside while requests arrive ({@link RequestActivity}): on two cores its rounds (and the
 * compiles they start) would otherwise slow the very requests it prepares for; after {@link #MAX_PAUSE} of
 * requests it stops, the requests warming the JIT themselves.
 */
public final class WarmUp implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);
    private static final String REPORT = "warm-up-report.msgpack.gz";
    private static final int NODES_PER_VIEW = 4;
    /** A round starts only when no request arrived for this long. */
    static final Duration QUIET = Duration.ofMillis(200);
    /** How long in all it waits for quiet before it leaves the warming to the requests. */
    static final Duration MAX_PAUSE = Duration.ofSeconds(30);

    private final SharedJson json;
    private final Views views = new Views(new TopologyRegistry());
    private final int rounds;
    private final Duration cpuBudget;
    private final RequestActivity activity;
    private long pausedNanos;

    public WarmUp(ObjectMapper json, int rounds, Duration cpuBudget, RequestActivity activity) {
        this.json = new SharedJson(requireNonNull(json, "json is null"));
        this.rounds = rounds;
        this.cpuBudget = requireNonNull(cpuBudget, "cpuBudget is null");
        this.activity = requireNonNull(activity, "activity is null");
    }

    /** Starts the warm-up on a background thread. */
    public void start() {
        Thread t = new Thread(this, "query-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    @Override
    public void run() {
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            byte[] posted = posted();
            int done = 0;
            while (done < rounds
                    && threads.getCurrentThreadCpuTime() - startCpu < cpuBudget.toNanos()
                    && awaitQuiet(QUIET, MAX_PAUSE)) {
                round(posted);
                done++;
            }
            LOG.info(
                    "warmed up the read paths: {} rounds in {} ms ({} ms of CPU, {} ms standing aside for requests)",
                    done,
                    (System.nanoTime() - start) / 1_000_000,
                    (threads.getCurrentThreadCpuTime() - startCpu) / 1_000_000,
                    pausedNanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("the warm-up of the read paths stopped: {}", e.toString());
        }
    }

    /**
     * Waits until no request arrived for {@code quiet}; false once it has waited {@code maxPause} in all (requests keep
     * coming: they warm the JIT themselves).
     */
    boolean awaitQuiet(Duration quiet, Duration maxPause) throws InterruptedException {
        while (!activity.quietFor(quiet)) {
            if (pausedNanos >= maxPause.toNanos()) {
                return false;
            }
            long from = System.nanoTime();
            Thread.sleep(quiet.toMillis());
            pausedNanos += System.nanoTime() - from;
        }
        return true;
    }

    /** One pass over everything a viewer's requests compute, on a fresh snapshot of the shipped report. */
    int round(byte[] posted) {
        Report report;
        try {
            Report decoded = ReportDecoder.decode(posted, WireFormat.MSGPACK, true, DecodeLimits.defaults());
            report = CompactReportCodec.decode(CompactReportCodec.encode(decoded));
        } catch (ReportDecodeException e) {
            throw new IllegalStateException("the shipped warm-up report does not decode", e);
        }
        Report merged = Report.mergeAll(List.of(report, report)).upgrade().withoutPartMergedNodes();
        Instant now = Instant.now();
        OrgSnapshot snapshot = new OrgSnapshot(1, now, new RenderContext(merged, now));
        Map<String, List<String>> none = Map.of();
        int answers = 0;
        answers += bytes(snapshot, "/topology", s -> views.list(s.context(), none));
        for (TopologyDescriptor d : descriptors()) {
            answers += bytes(
                    snapshot,
                    "/topology/" + d.id(),
                    s -> new AppApiResource.TopologyNodes(views.summaries(s.context(), d.id(), none, Censor.NONE)));
            List<String> ids = new ArrayList<>(
                    views.nodes(snapshot.context(), d.id(), none).nodes().keySet());
            for (String id : ids.subList(0, Math.min(NODES_PER_VIEW, ids.size()))) {
                answers += bytes(snapshot, "/topology/" + d.id() + "/" + id, s -> views.details(
                                s.context(), d.id(), id, none, Censor.NONE)
                        .map(AppApiResource.NodeBody::new)
                        .orElseThrow());
            }
        }
        answers += bytes(snapshot, "/report", s -> ReportEncoder.toJson(ReportCensor.apply(s.report(), Censor.NONE)));
        return answers;
    }

    private List<TopologyDescriptor> descriptors() {
        List<TopologyDescriptor> all = new ArrayList<>();
        for (TopologyDescriptor d : views.registry().topLevel()) {
            all.add(d);
            all.addAll(views.registry().subTopologies(d.id()));
        }
        return all;
    }

    private int bytes(OrgSnapshot snapshot, String path, java.util.function.Function<OrgSnapshot, Object> body) {
        SharedJson.Answer plain = json.answer(snapshot, path, null, null, body);
        SharedJson.Answer gzipped = json.answer(snapshot, path, null, "gzip", body);
        return plain.body().length > 0 && gzipped.body().length > 0 ? 1 : 0;
    }

    static byte[] posted() {
        try (InputStream in = WarmUp.class.getResourceAsStream(REPORT)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + REPORT);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
