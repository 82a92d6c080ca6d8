package io.scopecloud.report.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.report.Node;
import io.scopecloud.report.Report;
import io.scopecloud.report.TopologyType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringPoolTest {
    private final StringPool pool = new StringPool();

    @Test
    void aReportDecodedAgainThroughItsPoolHasTheSameStringsAsBefore() throws Exception {
        byte[] compact = CompactReportCodec.encode(Fixtures.decode("report-004.msgpack.gz"));
        Report first = CompactReportCodec.decode(compact, pool);
        // as many other strings as a busy thread's cache would see between two decodes of one probe's window
        for (int i = 0; i < 5_000; i++) {
            get("another probe's string " + i);
        }

        pool.nextRound();
        Report again = CompactReportCodec.decode(compact, pool);

        assertThat(again).isEqualTo(first).isEqualTo(CompactReportCodec.decode(compact));
        Node host = host(first);
        Node hostAgain = host(again);
        assertThat(hostAgain.id()).isSameAs(host.id());
        String command = longestLatestValue(first);
        assertThat(command.length()).as("long strings are pooled too").isGreaterThan(StringCache.MAX_LENGTH);
        assertThat(longestLatestValue(again)).isSameAs(command);
    }

    @Test
    void aRecordAmongOthersInOneArrayDecodesAsItself() throws Exception {
        Report report = Fixtures.decode("report-004.msgpack.gz");
        byte[] compact = CompactReportCodec.encode(report);
        byte[] chunk = new byte[compact.length + 7 + 5];
        java.util.Arrays.fill(chunk, (byte) 0x7f);
        System.arraycopy(compact, 0, chunk, 7, compact.length);

        assertThat(CompactReportCodec.decode(chunk, 7, compact.length, pool)).isEqualTo(report);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> CompactReportCodec.decode(chunk, 7, compact.length - 9, pool))
                .as("cut short: the bytes after it are not read")
                .isInstanceOf(ReportDecodeException.class);
    }

    @Test
    void aStringUsedEveryRoundKeepsItsInstance() {
        String first = get("running");
        for (int round = 0; round < 5; round++) {
            pool.nextRound();
            assertThat(get("running")).isSameAs(first);
        }
    }

    @Test
    void aStringNotUsedForAWholeRoundIsLetGo() {
        String first = get("pid 4211");
        pool.nextRound();
        get("something else");
        pool.nextRound();

        String again = get("pid 4211");

        assertThat(again).isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void holdsOnlyTheStringsOfTheLastRounds() {
        for (int i = 0; i < 1_000; i++) {
            get("round one " + i);
        }
        pool.nextRound();
        pool.nextRound();
        get("round three");

        assertThat(pool.size()).isEqualTo(1);
    }

    @Test
    void manyStringsKeepTheirInstancesAsTheTableGrows() {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            first.add(get("node;" + i));
        }
        pool.nextRound();
        for (int i = 0; i < 3_000; i++) {
            assertThat(get("node;" + i)).isSameAs(first.get(i));
        }
    }

    @Test
    void nonAsciiStringsDecodeExactly() {
        assertThat(get("conteneur «web» ✓")).isEqualTo("conteneur «web» ✓");
        assertThat(get("naïve")).isEqualTo("naïve");
        assertThat(get("na")).isEqualTo("na");
    }

    private String get(String s) {
        byte[] b = ("xx" + s).getBytes(StandardCharsets.UTF_8);
        return pool.get(b, 2, b.length - 2);
    }

    private static Node host(Report r) {
        return r.topology(TopologyType.HOST).nodes().get("vm;<host>");
    }

    private static String longestLatestValue(Report r) {
        String longest = "";
        for (Node n : r.topology(TopologyType.PROCESS).nodes().values()) {
            for (var e : n.latest().values()) {
                if (e.value().length() > longest.length()) {
                    longest = e.value();
                }
            }
        }
        return longest;
    }
}
