package io.scopecloud.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scopecloud.bench.query.QueryRenderBench;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.DecodeLimits;
import io.scopecloud.report.codec.ReportDecodeException;
import io.scopecloud.report.codec.ReportDecoder;
import io.scopecloud.report.codec.ReportEncoder;
import io.scopecloud.report.codec.WireFormat;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.msgpack.value.Value;
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
 * Decoding real Scope reports into our model, against generic trees of the same bytes: Jackson's
 * {@code ObjectMapper.readTree} for JSON and for msgpack (jackson-dataformat-msgpack), and msgpack-core's
 * {@code unpackValue}, which keeps strings as raw bytes. Our decoders do more (limits, time parsing, sorting, the
 * model) and should still be at least as fast as Jackson's tree model. MB/s = ops/s × input size.
 *
 * <p>{@code report-004} is a real probe's full report (its msgpack is the real body); {@code app_api_report} is a
 * real app's merged report (its msgpack is our own encoding of it, written the way Scope writes msgpack);
 * {@code bench-host} is one probe's report of the end-to-end bench (34 nodes, built in code).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReportDecodeBenchmark {
    @Param({"report-004", "app_api_report", "bench-host"})
    public String fixture;

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectMapper msgpackMapper = new ObjectMapper(new MessagePackFactory());
    private byte[] json;
    private byte[] msgpack;
    private byte[] msgpackGz;
    private byte[] compact;

    @Setup
    public void load() throws ReportDecodeException {
        if (fixture.equals("bench-host")) {
            // the end-to-end bench's probe report (34 nodes), as a query instance decodes hundreds a second
            Report r = QueryRenderBench.smallHostReport();
            json = ReportEncoder.toJson(r);
            msgpack = ReportEncoder.toMsgpack(r);
            msgpackGz = ReportEncoder.gzip(msgpack);
        } else if (fixture.equals("report-004")) {
            json = BenchFixtures.bytes(fixture + ".json");
            msgpackGz = BenchFixtures.bytes("report-004.msgpack.gz");
            msgpack = BenchFixtures.gunzip(msgpackGz);
        } else {
            json = BenchFixtures.bytes(fixture + ".json");
            Report r = ReportDecoder.decode(json, WireFormat.JSON, false, DecodeLimits.defaults());
            msgpack = ReportEncoder.toMsgpack(r);
            msgpackGz = ReportEncoder.gzip(msgpack);
        }
        compact = CompactReportCodec.encode(
                ReportDecoder.decode(msgpack, WireFormat.MSGPACK, false, DecodeLimits.defaults()));
        System.out.printf(
                "%n%s: json %d bytes, msgpack %d bytes (%d gzipped), compact %d bytes%n",
                fixture, json.length, msgpack.length, msgpackGz.length, compact.length);
    }

    @Benchmark
    public Report jsonOurs() throws ReportDecodeException {
        return ReportDecoder.decode(json, WireFormat.JSON, false, DecodeLimits.defaults());
    }

    @Benchmark
    public JsonNode jsonJacksonTree() throws IOException {
        return mapper.readTree(json);
    }

    @Benchmark
    public Report msgpackOurs() throws ReportDecodeException {
        return ReportDecoder.decode(msgpack, WireFormat.MSGPACK, false, DecodeLimits.defaults());
    }

    @Benchmark
    public JsonNode msgpackJacksonTree() throws IOException {
        return msgpackMapper.readTree(msgpack);
    }

    @Benchmark
    public Value msgpackCoreValueTree() throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(msgpack)) {
            return unpacker.unpackValue();
        }
    }

    /** As a probe POSTs it: gzipped msgpack, gunzip included. */
    @Benchmark
    public Report msgpackGzippedOurs() throws ReportDecodeException {
        return ReportDecoder.decode(msgpackGz, WireFormat.MSGPACK, true, DecodeLimits.defaults());
    }

    /** What query does for every Kafka record. */
    @Benchmark
    public Report compactOurs() throws ReportDecodeException {
        return CompactReportCodec.decode(compact);
    }

    @Benchmark
    public byte[] compactEncode() throws ReportDecodeException {
        return CompactReportCodec.encode(
                ReportDecoder.decode(msgpack, WireFormat.MSGPACK, false, DecodeLimits.defaults()));
    }
}
