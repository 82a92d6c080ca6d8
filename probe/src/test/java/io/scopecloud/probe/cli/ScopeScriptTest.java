package io.scopecloud.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
}
