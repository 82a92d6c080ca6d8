package io.scopecloud.query.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.query.TestReports;
import io.scopecloud.report.Report;
import io.scopecloud.report.codec.CompactReportCodec;
import io.scopecloud.report.codec.StringPool;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CompactChunksTest {
    private static final int MAX = 1024 * 1024;
    private final AtomicLong now = new AtomicLong();
    private final CompactChunks chunks = new CompactChunks(MAX, now::get);

    @Test
    void aKeptReportIsACopyThatDecodesAsTheReport() {
        Report report = TestReports.oneHost("a", Instant.parse("2026-12-07T00:00:00Z"));
        byte[] compact = CompactReportCodec.encode(report);
        CompactBytes kept = chunks.keep(compact);
        Arrays.fill(compact, (byte) 0);

        assertThat(kept.decode(new StringPool())).isEqualTo(report);
    }

    @Test
    void reportsArrivingOneAfterAnotherShareAChunk() {
        CompactBytes first = chunks.keep(bytes(1_000, 1));
        CompactBytes second = chunks.keep(bytes(2_000, 2));

        assertThat(second.array()).isSameAs(first.array());
        assertThat(second.offset()).isEqualTo(1_000);
        assertThat(Arrays.copyOfRange(first.array(), first.offset(), first.offset() + first.length()))
                .isEqualTo(bytes(1_000, 1));
        assertThat(Arrays.copyOfRange(second.array(), second.offset(), second.offset() + second.length()))
                .isEqualTo(bytes(2_000, 2));
    }

    @Test
    void chunksGrowToTheLargestWhileReportsArriveFastAndShrinkWhenTheyComeSlowly() {
        java.util.Set<Integer> sizesSeen = new java.util.LinkedHashSet<>();
        for (int i = 0; i < 2_000; i++) {
            now.addAndGet(1_000_000); // a report of 10 KB each millisecond: a chunk fills in well under a second
            sizesSeen.add(chunks.keep(bytes(10_000, i)).array().length);
        }
        assertThat(chunks.chunkSize()).isEqualTo(MAX);
        assertThat(sizesSeen)
                .as("powers of two while under half a region, then a whole region's worth")
                .containsExactly(64 * 1024, 128 * 1024, 256 * 1024, MAX);

        CompactBytes last = null;
        for (int i = 0; i < 200; i++) {
            now.addAndGet(1_000_000_000); // one a second: a chunk of 1 MiB takes 100 s
            last = chunks.keep(bytes(10_000, i));
        }
        assertThat(chunks.chunkSize()).isLessThan(MAX);
        assertThat(last.array().length).isEqualTo(chunks.chunkSize());
    }

    @Test
    void aReportOfMoreThanAQuarterOfTheChunkKeepsAnArrayOfItsOwn() {
        byte[] big = bytes(CompactChunks.MIN_CHUNK / 4 + 1, 7);
        CompactBytes kept = chunks.keep(big);

        assertThat(kept.array()).isNotSameAs(big).isEqualTo(big);
        assertThat(kept.offset()).isZero();
        assertThat(chunks.keep(bytes(10, 1)).array()).isNotSameAs(kept.array());
    }

    @Test
    void theLargestChunkFillsOneG1RegionAndIsHumongousThere() {
        int max = CompactChunks.maxChunkFor(8L * 1024 * 1024);

        assertThat(max).isLessThan(8 * 1024 * 1024).isGreaterThanOrEqualTo(4 * 1024 * 1024);
        assertThat(CompactChunks.maxChunkFor(0))
                .as("not G1: a default")
                .isGreaterThanOrEqualTo(CompactChunks.MIN_CHUNK);
    }

    private static byte[] bytes(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
