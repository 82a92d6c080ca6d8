package io.scopecloud.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** install.sh is POSIX sh that shellcheck finds nothing in. */
class InstallScriptTest {
    @Test
    void passesShellcheck() throws Exception {
        Process shellcheck;
        try {
            shellcheck = new ProcessBuilder(
                            "shellcheck", "--shell=sh", "src/main/resources" + InstallResource.SCRIPT_TEMPLATE)
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
