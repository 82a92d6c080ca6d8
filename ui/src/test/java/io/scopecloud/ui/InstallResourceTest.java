package io.scopecloud.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** install.sh, templated; the files it downloads, with the sums it checks them against. */
@ExtendWith(DropwizardExtensionsSupport.class)
class InstallResourceTest {
    private static final String SCRIPT = "#!/bin/sh\necho the scope script\n";
    private static final Path JAR = fakeProbeJar("1.2.3");
    private static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addResource(new InstallResource(
                    Optional.of(ProbeDistribution.open(JAR)), Optional.of(URI.create("https://scope.example.com/"))))
            .build();

    @Test
    void templatesTheServicesPublicUrlAndTheProbesVersion() {
        String script = text("/install.sh");

        assertThat(script).startsWith("#!/bin/sh\n").doesNotContain("@SERVICE_URL@", "@VERSION@", "@JAR_SHA256@");
        assertThat(script).contains("service_url='https://scope.example.com'\n", "version='1.2.3'\n");
        assertThat(script).contains("curl -fsSL https://scope.example.com/install.sh | sudo sh -s --");
    }

    @Test
    void theSumsInInstallShAreThoseOfTheBytesServed() throws Exception {
        String script = text("/install.sh");
        byte[] jar = bytes("/install/probe-1.2.3.jar");
        byte[] scope = bytes("/install/scope");

        assertThat(jar).isEqualTo(Files.readAllBytes(JAR));
        assertThat(scope).isEqualTo(SCRIPT.getBytes(StandardCharsets.UTF_8));
        assertThat(quoted(script, "jar_sha256")).isEqualTo(ProbeDistribution.sha256(jar));
        assertThat(quoted(script, "scope_sha256")).isEqualTo(ProbeDistribution.sha256(scope));
        assertThat(text("/install/SHA256SUMS"))
                .isEqualTo(ProbeDistribution.sha256(jar) + "  probe-1.2.3.jar\n" + ProbeDistribution.sha256(scope)
                        + "  scope\n");
    }

    @Test
    void servesOnlyTheProbesOwnVersion() {
        Response r = RESOURCES.target("/install/probe-9.9.9.jar").request().get();

        assertThat(r.getStatus()).isEqualTo(404);
    }

    @Test
    void answers404WithoutAProbeJar() {
        InstallResource none = new InstallResource(Optional.empty(), Optional.of(URI.create("http://localhost:4040")));

        assertThatThrownBy(none::scopeScript).hasMessageContaining("no probe jar");
    }

    @Test
    void refusesAPublicUrlThatWouldBreakOutOfTheScriptsQuotes() {
        assertThatThrownBy(() -> InstallResource.checkedUrl("https://x.example/'; rm -rf /; '"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(InstallResource.checkedUrl("http://localhost:4040/")).isEqualTo("http://localhost:4040");
    }

    @Test
    void findsTheRunnableJarBesideThePlainOne(@TempDir Path dir) throws Exception {
        Path plain = Files.createFile(dir.resolve("probe-1.2.3.jar"));
        Path all = Files.createFile(dir.resolve("probe-1.2.3-all.jar"));

        assertThat(ProbeDistribution.candidates(plain)).startsWith(all);
        assertThat(ProbeDistribution.candidates(all)).startsWith(all);
        Path classes = Files.createDirectory(dir.resolve("classes"));
        assertThat(ProbeDistribution.candidates(classes)).isEqualTo(List.of(all));
    }

    private static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String path) {
        Response r = RESOURCES.target(path).request().get();
        assertThat(r.getStatus()).as(path).isEqualTo(200);
        return r.readEntity(byte[].class);
    }

    private static String quoted(String script, String variable) {
        Matcher m = Pattern.compile("(?m)^" + variable + "='([0-9a-f]{64})'$").matcher(script);
        assertThat(m.find()).as(variable + " in install.sh").isTrue();
        return m.group(1);
    }

    static Path fakeProbeJar(String version) {
        try {
            Path jar = Files.createTempFile("probe-" + version + "-", "-all.jar");
            jar.toFile().deleteOnExit();
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
                zip.putNextEntry(new ZipEntry(ProbeDistribution.VERSION_ENTRY));
                zip.write(("version=" + version + "\n").getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry(ProbeDistribution.SCRIPT_ENTRY));
                zip.write(SCRIPT.getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("io/scopecloud/probe/ProbeMain.class"));
                zip.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
