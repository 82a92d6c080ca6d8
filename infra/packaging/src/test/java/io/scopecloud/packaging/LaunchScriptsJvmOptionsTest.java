package io.scopecloud.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.scopecloud.testing.LaunchedJvmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./scope-cloud} and the service image's entrypoint start each hosted service with the same JVM options (the
 * benchmarks take theirs from the entrypoint): written in two scripts, held to each other here.
 */
class LaunchScriptsJvmOptionsTest {
    private static final Path ENTRYPOINT = Path.of("infra/images/service/scope-cloud-entrypoint");

    @TempDir
    static Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "query", "control"})
    void aHostedServiceGetsTheSameOptionsFromBothScripts(String service) throws Exception {
        List<String> image = image(List.of(service), Map.of());

        assertThat(checkout(service, Map.of())).isEqualTo(image);
        assertThat(image)
                .contains(
                        "-XX:G1HeapRegionSize=8m",
                        "-Xmx1g",
                        "-XX:+ExitOnOutOfMemoryError",
                        "-XX:TrimNativeHeapInterval=30000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"query", "standalone"})
    void aJavaThatDoesNotKnowNativeHeapTrimmingStartsWithoutIt(String command) throws Exception {
        Map<String, String> olderJdk = Map.of("FAKE_JAVA_UNKNOWN", "-XX:TrimNativeHeapInterval");
        List<String> image = image(List.of(command), olderJdk);

        assertThat(image).contains("-Xmx1g").noneMatch(o -> o.startsWith("-XX:TrimNativeHeapInterval"));
        if (command.equals("query")) {
            assertThat(checkout(command, olderJdk)).isEqualTo(image);
        }
    }

    @Test
    void theHeapBoundAndJavaOptsAreTakenAlikeAndJavaOptsComeLast() throws Exception {
        Map<String, String> env = Map.of("SCOPE_CLOUD_HEAP", "384m", "JAVA_OPTS", "-XX:G1HeapRegionSize=4m -Dx=1");
        List<String> image = image(List.of("query"), env);

        assertThat(checkout("query", env)).isEqualTo(image);
        assertThat(image).contains("-Xmx384m").endsWith("-XX:G1HeapRegionSize=4m", "-Dx=1");
    }

    @Test
    void theStandaloneKeepsG1sOwnRegionsAndOtherwiseTheServicesOptions() throws Exception {
        List<String> standalone = image(List.of("standalone"), Map.of());

        assertThat(standalone)
                .doesNotContain("-XX:G1HeapRegionSize=8m")
                .containsExactlyElementsOf(image(List.of("query"), Map.of()).stream()
                        .filter(o -> !o.equals("-XX:G1HeapRegionSize=8m"))
                        .toList());
    }

    private static List<String> image(List<String> args, Map<String, String> env) throws Exception {
        return LaunchedJvmOptions.of(Repo.root(), "sh", ENTRYPOINT, args, env);
    }

    /**
     * {@code ./scope-cloud}'s, run in a copy of the script beside a built jar and the service's configuration: in the
     * checkout it would first build whatever changed since the last build.
     */
    private static List<String> checkout(String service, Map<String, String> env) throws Exception {
        Path copy = Files.createTempDirectory(tmp, "checkout");
        Files.copy(Repo.root().resolve("scope-cloud"), copy.resolve("scope-cloud"));
        Path config = copy.resolve("infra/hosted/" + service + ".yml");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "");
        Path jar = copy.resolve("infra/standalone/target/standalone-0.1.0-SNAPSHOT.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        return LaunchedJvmOptions.of(
                copy, "bash", Path.of("scope-cloud"), List.of(service, "infra/hosted/" + service + ".yml"), env);
    }
}
