package io.scopecloud.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.ReportEncoder;
import io.scopecloud.report.codec.WireFormat;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * A companion to the JMH benchmarks for shared, noisy machines: runs the same operations interleaved, round after
 * round, and reports the best per-operation thread CPU time. Interleaving exposes every candidate to the same
 * background load, and the minimum filters out rounds slowed by it, so ratios stay meaningful where JMH's
 * sequential means do not. Run: {@code java -cp bench/target/benchmarks.jar io.scopecloud.bench.CpuTimeCheck
 * [rounds] [name regex]}, e.g. {@code 90 'mergeAll.*'} to time the merges only.
 */
public final class CpuTimeCheck {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Candidate(String name, long bytes, int batch, Callable<Object> op) {}

    private CpuTimeCheck() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(args.length > 1 ? args[1] : ".*");
        List<Candidate> candidates = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        ObjectMapper msgpackMapper = new ObjectMapper(new MessagePackFactory());
        for (String fixture : List.of("report-004", "app_api_report")) {
            byte[] json = BenchFixtures.bytes(fixture + ".json");
            Report r = ReportDecoder.decode(json, WireFormat.JSON, false, DecodeLimits.defaults());
            byte[] msgpack = fixture.equals("report-004")
                    ? BenchFixtures.gunzip(BenchFixtures.bytes("report-004.msgpack.gz"))
                    : ReportEncoder.toMsgpack(r);
            byte[] compact = CompactReportCodec.encode(r);
            candidates.add(new Candidate(
                    fixture + " json ours",
                    json.length,
                    10,
                    () -> ReportDecoder.decode(json, WireFormat.JSON, false, DecodeLimits.defaults())));
            candidates.add(
                    new Candidate(fixture + " json Jackson readTree", json.length, 10, () -> mapper.readTree(json)));
            candidates.add(new Candidate(
                    fixture + " msgpack ours",
                    msgpack.length,
                    10,
                    () -> ReportDecoder.decode(msgpack, WireFormat.MSGPACK, false, DecodeLimits.defaults())));
            candidates.add(new Candidate(
                    fixture + " msgpack Jackson readTree", msgpack.length, 10, () -> msgpackMapper.readTree(msgpack)));
            candidates.add(new Candidate(fixture + " msgpack unpackValue", msgpack.length, 10, () -> {
                try (MessageUnpacker u = MessagePack.newDefaultUnpacker(msgpack)) {
                    return u.unpackValue();
                }
            }));
            candidates.add(new Candidate(
                    fixture + " compact ours", compact.length, 10, () -> CompactReportCodec.decode(compact)));
        }
        for (int hosts : new int[] {100, 20}) {
            List<Report> window = HostReports.window(hosts, 100 / hosts);
            candidates.add(new Candidate("mergeAll 100 reports, hosts=" + hosts, 0, 1, () -> Report.mergeAll(window)));
        }
        candidates.removeIf(c -> !only.matcher(c.name()).matches());
        long[] best = new long[candidates.size()];
        java.util.Arrays.fill(best, Long.MAX_VALUE);
        for (int round = 0; round < rounds; round++) {
            for (int c = 0; c < candidates.size(); c++) {
                Candidate cand = candidates.get(c);
                long t0 = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < cand.batch(); i++) {
                    if (cand.op().call() == null) {
                        throw new AssertionError(cand.name());
                    }
                }
                long perOp = (THREADS.getCurrentThreadCpuTime() - t0) / cand.batch();
                if (round >= rounds / 3) { // the first third warms up
                    best[c] = Math.min(best[c], perOp);
                }
            }
        }
        for (int c = 0; c < candidates.size(); c++) {
            Candidate cand = candidates.get(c);
            double micros = best[c] / 1e3;
            if (cand.bytes() > 0) {
                System.out.printf(
                        "%-42s %9.1f us/op %8.1f MB/s%n", cand.name(), micros, cand.bytes() / (best[c] / 1e9) / 1e6);
            } else {
                System.out.printf("%-42s %9.2f ms/op%n", cand.name(), micros / 1e3);
            }
        }
    }
}
