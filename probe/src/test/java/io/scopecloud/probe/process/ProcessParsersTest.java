package io.scopecloud.probe.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessParsersTest {

    static Stream<Arguments> statLines() {
        return Stream.of(
                Arguments.of(
                        "8352 (cat) R 8345 8345 5393 0 -1 4194304 99 0 0 0 3 4 0 0 20 0 1 0 33391 3133440 361"
                                + " 18446744073709551615 94017056190464 94017056210345 140737414578800 0 0 0 0 0 0 0 0 0 17 1"
                                + " 0 0 0 0 0\n",
                        new PidStat('R', 8345, 7, 1, 361, 1.8446744073709552E19)), // 2^64 - 1 as a double
                Arguments.of(
                        // a command name with spaces and parentheses
                        "4242 (py (client) 2) S 812 4242 812 34816 4242 4194304 1000 0 0 0 150 50 0 0 20 0 3 0 20000"
                                + " 29073408 2364 4096 1 1 0 0 0 0 0 16781312 2 0 0 0 17 1 0 0 0 0 0\n",
                        new PidStat('S', 812, 200, 3, 2364, 4096.0)),
                Arguments.of(
                        "2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 24 0 0 18446744073709551615 0 0"
                                + " 0 0 0 0 0 2147483647 0 1 0 0 0 1 0 0 0 0 0\n",
                        new PidStat('S', 0, 0, 1, 0, 1.8446744073709552E19)));
    }

    @ParameterizedTest
    @MethodSource("statLines")
    void parsesPidStat(String text, PidStat expected) {
        assertThat(PidStat.parse(text)).isEqualTo(expected);
    }

    @Test
    void zombiesAndDeadProcessesAreDead() {
        assertThat(new PidStat('Z', 1, 0, 1, 0, 0).isDead()).isTrue();
        assertThat(new PidStat('X', 1, 0, 1, 0, 0).isDead()).isTrue();
        assertThat(new PidStat('S', 1, 0, 1, 0, 0).isDead()).isFalse();
    }

    @Test
    void rejectsTruncatedStat() {
        assertThatThrownBy(() -> PidStat.parse("1 (init) S 0 1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheSoftOpenFilesLimit() {
        String limits =
                """
                Limit                     Soft Limit           Hard Limit           Units    \s
                Max processes             96365                96365                processes\s
                Max open files            20000                40000                files    \s
                """;
        assertThat(Limits.maxOpenFiles(limits)).isEqualTo(20000);
        assertThat(Limits.maxOpenFiles("Limit  Soft Limit\n")).isZero();
        assertThat(Limits.maxOpenFiles("Max open files            unlimited            unlimited  files\n"))
                .isEqualTo(-1);
    }

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("/usr/bin/java\0-jar\0app.jar\0", null, "/usr/bin/java", "/usr/bin/java -jar app.jar "),
                Arguments.of(
                        "nginx: master process /usr/sbin/nginx\0",
                        null,
                        "nginx: master process /usr/sbin/nginx",
                        "nginx: master process /usr/sbin/nginx "),
                Arguments.of("", "kworker/R-mm_percpu_wq\n", "[kworker/R-mm_percpu_wq]", ""),
                Arguments.of("", null, "(unknown)", ""),
                Arguments.of("/bin/sh", null, "/bin/sh", "/bin/sh"));
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void derivesNameAndCommandLineLikeScope(String cmdline, String comm, String name, String joined) {
        assertThat(CommandLine.parse(cmdline, comm)).isEqualTo(new CommandLine(name, joined));
    }

    @Test
    void stripsArguments() {
        assertThat(CommandLine.stripArguments("/usr/bin/java -jar app.jar")).isEqualTo("/usr/bin/java");
        assertThat(CommandLine.stripArguments("/bin/sh")).isEqualTo("/bin/sh");
    }

    @Test
    void parsesKernelPageSize() {
        assertThat(PageSize.parse("KernelPageSize:        4 kB")).isEqualTo(4096);
        assertThat(PageSize.parse("KernelPageSize:       64 kB")).isEqualTo(65536);
    }

    @Test
    void onlyNumericNamesArePids() {
        assertThat(ProcessWalker.parsePid("4242")).isEqualTo(4242);
        assertThat(ProcessWalker.parsePid("self")).isEqualTo(-1);
        assertThat(ProcessWalker.parsePid("12a")).isEqualTo(-1);
        assertThat(ProcessWalker.parsePid("")).isEqualTo(-1);
    }
}
