package io.scopecloud.bench.compare;

import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.WireFormat;
import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The CPU of ingest's own steps on one report, apart from HTTP and Kafka: decoding a posted body as
 * {@code ReportResource} does (gzipped msgpack from a stream, with the production limits) and encoding the Kafka
 * form. Interleaved rounds, best thread CPU time per step (as {@code CpuTimeCheck}), so that a change's effect
 * shows on a busy machine.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.scopecloud.bench.compare.IngestStepsCheck FIXTURES [rounds]</pre>
 */
public final class IngestStepsCheck {
    private IngestStepsCheck() {}

    public static void main(String[] args) throws Exception {
        byte[] gzipped = Files.readAllBytes(Path.of(args[0]).resolve("report-004.msgpack.gz"));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        DecodeLimits limits = DecodeLimits.defaults();
        Report report = decode(gzipped, limits);
        Map<String, Callable<Object>> steps = new LinkedHashMap<>();
        steps.put("decode posted (gzip msgpack stream)", () -> decode(gzipped, limits));
        steps.put("encode compact (Kafka form)", () -> CompactReportCodec.encode(report));
        steps.put("both", () -> CompactReportCodec.encode(decode(gzipped, limits)));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> best = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Callable<Object>> step : steps.entrySet()) {
                long t0 = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < 10; i++) {
                    if (step.getValue().call() == null) {
                        throw new AssertionError(step.getKey());
                    }
                }
                long perOp = (threads.getCurrentThreadCpuTime() - t0) / 10;
                if (round >= rounds / 3) {
                    best.merge(step.getKey(), perOp, Math::min);
                }
            }
        }
        best.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-40s %8.1f us%n", k, v / 1e3));
    }

    private static Report decode(byte[] gzipped, DecodeLimits limits) throws Exception {
        return ReportDecoder.decodePosted(new ByteArrayInputStream(gzipped), WireFormat.MSGPACK, true, limits);
    }
}
