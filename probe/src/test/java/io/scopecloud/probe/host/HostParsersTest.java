package io.scopecloud.probe.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class HostParsersTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0.81 0.44 0.18 1/83 8347 | 0.81 | 0.44 | 0.18",
                "12.50 3.00 0.00 4/1200 99999 | 12.5 | 3.0 | 0.0",
                "  0.00 0.01 0.05 1/1 1  | 0.0 | 0.01 | 0.05"
            })
    void parsesLoadAverage(String text, double one, double five, double fifteen) {
        assertThat(LoadAverage.parse(text + "\n")).isEqualTo(new LoadAverage(one, five, fifteen));
    }

    @Test
    void rejectsShortLoadAverage() {
        assertThatThrownBy(() -> LoadAverage.parse("0.1 0.2")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"333.91 561.49 | 333", "5251.99 10310.12 | 5251", "0.50 0.10 | 0"})
    void parsesUptimeTruncatingToSeconds(String text, long seconds) {
        assertThat(Uptime.parseSeconds(text)).isEqualTo(seconds);
    }

    @Test
    void rejectsUptimeWithWrongFieldCount() {
        assertThatThrownBy(() -> Uptime.parseSeconds("1 2 3")).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> statFiles() {
        return Stream.of(
                Arguments.of(
                        """
                        cpu  7907 0 2101 56149 169 0 48 30 0 0
                        cpu0 3904 0 862 28389 16 0 9 15 0 0
                        cpu1 4003 0 1239 27759 152 0 38 15 0 0
                        intr 1402317 0 9
                        ctxt 2391283
                        """,
                        new CpuTimes(7907, 0, 2101, 56149, 169, 0, 48, 30, 2)),
                Arguments.of(
                        // old kernels: no steal column
                        "cpu  10 20 30 40 50 60 70\ncpu0 10 20 30 40 50 60 70\n",
                        new CpuTimes(10, 20, 30, 40, 50, 60, 70, 0, 1)));
    }

    @ParameterizedTest
    @MethodSource("statFiles")
    void parsesAggregateCpuLineAndCountsCpus(String text, CpuTimes expected) {
        assertThat(CpuTimes.parse(text)).isEqualTo(expected);
    }

    @Test
    void computesCpuUsageLikeScope() {
        CpuTimes before = new CpuTimes(100, 0, 100, 700, 100, 0, 0, 0, 2);
        CpuTimes after = new CpuTimes(150, 0, 130, 800, 110, 5, 5, 0, 2);
        // busy delta 90, idle delta 110 -> 45%
        assertThat(after.usagePercentSince(before)).isCloseTo(45.0, within(1e-9));
        assertThat(after.usagePercentSince(after)).isNaN();
        assertThat(before.usagePercentSince(CpuTimes.ZERO)).isCloseTo(20.0, within(1e-9));
    }

    @Test
    void parsesMemInfoAndComputesScopesUsedMemory() {
        MemInfo info = MemInfo.parse(
                """
                MemTotal:       24684092 kB
                MemFree:        24383664 kB
                MemAvailable:   24360216 kB
                Buffers:            3148 kB
                Cached:           171152 kB
                SwapCached:            0 kB
                """);
        assertThat(info.totalBytes()).isEqualTo(24684092L * 1024);
        assertThat(info.usedBytes()).isEqualTo((24684092L - 24383664 - 3148 - 171152) * 1024);
    }
}
