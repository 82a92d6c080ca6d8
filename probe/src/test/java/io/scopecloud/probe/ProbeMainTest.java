package io.scopecloud.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path temp;

    private int run(String... args) {
        return ProbeMain.run(
                List.of(args),
                Map.of("HOME", temp.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsUsageWithScopesFlagNames() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("scope launch --service-token=<token>")
                .contains("--probe.publish.interval=3s")
                .contains("--probe.spy.interval=1s")
                .contains("--probe.plugins.root=/var/run/scope/plugins")
                .contains("--probe.no-controls")
                .contains("--probe.proc.root=/proc");
    }

    @Test
    void refusesToLaunchWithoutATokenAndSaysWhereToGetOne() {
        assertThat(run("launch", "--state-dir=" + temp)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no probe token: pass --service-token=<token>");
    }

    @Test
    void aClusterRoleProbeOutsideAPodWithoutServerSaysWhatToPass() {
        int code = run(
                "run",
                "--service-token=t",
                "--probe.kubernetes=true",
                "--probe.kubernetes.role=cluster",
                "--probe.plugins.root=",
                "--probe.docker=false",
                "--state-dir=" + temp);
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("scope: Kubernetes: unable to load in-cluster configuration")
                .contains("--probe.kubernetes.server");
        assertThat(temp.resolve("probe.pid")).doesNotExist();
    }

    @Test
    void rejectsUnknownCommands() {
        assertThat(run("lunch")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command \"lunch\"");
    }

    @Test
    void statusAndStopWithoutARunningProbe() {
        assertThat(run("status", "--state-dir=" + temp)).isEqualTo(3);
        assertThat(run("stop", "--state-dir=" + temp)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("not running");
    }
}
