package io.scopecloud.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScopeScriptTest {
    @Test
    void runsTheForegroundProbeWithTheLaunchersJvmOptions() throws Exception {
        String script = Files.readString(Path.of("src/main/scripts/scope"));
        Matcher defaults = Pattern.compile("opts=\\$\\{SCOPE_PROBE_JAVA_OPTS:-\"([^\"]*)\"}")
                .matcher(script);

        assertThat(defaults.find()).as("the script's default JVM options").isTrue();
        assertThat(defaults.group(1).split(" ")).containsExactlyElementsOf(Launcher.JVM_OPTIONS);
    }

    @Test
    void passesShellcheck() throws Exception {
        Process shellcheck;
        try {
            shellcheck = new ProcessBuilder("shellcheck", "--shell=sh", "src/main/scripts/scope")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    "shellcheck is missing: the step of .ci/test that installs Debian's shellcheck"
                            + " (apt-get install shellcheck) did not run or failed",
                    e);
        }
        String findings = new String(shellcheck.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shellcheck.waitFor()).as(findings).isZero();
    }
}
