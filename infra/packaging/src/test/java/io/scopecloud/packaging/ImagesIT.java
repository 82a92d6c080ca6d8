package io.scopecloud.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's images, built as an operator would ({@code infra/images/build}: a debootstrapped
 * Debian base, cached, then {@code podman build}) and run under podman: the standalone service on
 * a network of its own, the probe as Scope's {@code scope launch} runs its container (host PID,
 * network and UTS namespaces, the host's /proc, the engine's socket, a plugins directory), and the
 * probe's host on the map through the API; the installer the standalone container serves, run on
 * a Debian host without Java (the base image, no network), says what it needs and runs the
 * distribution's package manager only with {@code --install-java}. Needs root and podman
 * (.ci/setup-podman).
 */
class ImagesIT {
    private static final String NETWORK = "scc-pack-images";
    private static final String SUBNET = "10.233.0.0/24";
    private static final String SERVICE_IP = "10.233.0.10";
    private static final String SERVICE = "scc-pack-standalone";
    private static final String PROBE = "scc-pack-probe";
    private static final Duration START = Duration.ofMinutes(4);
    private static final Pattern TOKEN = Pattern.compile("probe token: (\\S+)");
    private static final Pattern ORG = Pattern.compile("org id:\\s+(\\S+)");

    private static final String BASE_URL = "http://" + SERVICE_IP + ":4040";

    private static String serviceImage;
    private static String probeImage;
    private static String baseImage;
    private static Path work;

    @BeforeAll
    static void buildAndStartTheStandaloneContainer() throws Exception {
        Images images = Images.build();
        serviceImage = images.service();
        probeImage = images.probe();
        baseImage = images.base();
        Podman.remove(NETWORK, PROBE, SERVICE);
        work = Files.createDirectories(Path.of(System.getProperty("scopecloud.test.work", "target/it-work"))
                .resolve("images"));
        Podman.ok("network", "create", "--internal", "--subnet", SUBNET, NETWORK);
        Podman.ok("run", "--detach", "--name", SERVICE, "--network", NETWORK, "--ip", SERVICE_IP, serviceImage);
        Podman.awaitHealthy(SERVICE, START);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        Podman.remove(NETWORK, PROBE, SERVICE);
    }

    @Test
    void theServiceImageRunsAsAnUnprivilegedUserWithAHealthCheckAndItsCommandPicksWhatRuns() throws Exception {
        assertThat(Podman.ok("image", "inspect", "--format", "{{.Config.User}}", serviceImage))
                .isEqualTo("10001:10001");
        assertThat(Podman.ok("image", "inspect", "--format", "{{json .Config.Volumes}}", serviceImage))
                .contains("/var/lib/scope-cloud");
        assertThat(Podman.ok("image", "inspect", "--format", "{{json .Config.ExposedPorts}}", serviceImage))
                .contains("4040/tcp")
                .contains("4041/tcp");
        assertThat(Podman.ok("image", "inspect", "--format", "{{json .HealthCheck}}", serviceImage))
                .contains("/health/ready");
        assertThat(Podman.ok("image", "inspect", "--format", "{{json .HealthCheck}}", probeImage))
                .contains("scope")
                .contains("status");

        assertThat(Podman.ok("run", "--rm", "--network", "none", serviceImage, "help"))
                .contains("standalone")
                .contains("ingest|query|control")
                .contains("db migrate");
        Command unknown = Podman.run("run", "--rm", "--network", "none", serviceImage, "serve");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown command 'serve'");
        Command db = Podman.run("run", "--rm", "--network", "none", serviceImage, "db", "upgrade");
        assertThat(db.exit()).isEqualTo(2);
        assertThat(db.output()).contains("usage: db migrate");
        // each hosted service starts its own application on its own file (here: refused before
        // connecting anywhere, because Dropwizard checks the file first)
        Command query = Podman.run("run", "--rm", "--network", "none", serviceImage, "query", "/nonexistent.yml");
        assertThat(query.exit()).isNotZero();
        assertThat(query.output()).contains("/nonexistent.yml");
    }

    @Test
    void theProbeContainerPutsItsHostOnTheMapOfTheStandaloneContainer() throws Exception {
        String base = BASE_URL;
        assertThat(Podman.ok("exec", SERVICE, "id", "-u")).isEqualTo("10001");

        String created = Podman.ok("exec", SERVICE, "scope-cloud", "admin", "create-org", "Images");
        String token = group(TOKEN, created);
        String org = group(ORG, created);

        Path tokenFile = work.resolve("token");
        Files.deleteIfExists(tokenFile);
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, token);
        Path plugins = Files.createDirectories(work.resolve("plugins"));

        // Weave Scope's `scope launch`, with the token from a file instead of the command line
        Podman.ok(
                "run",
                "--detach",
                "--name",
                PROBE,
                "--privileged",
                "--pid=host",
                "--network=host",
                "--uts=host",
                "-v",
                "/proc:/host/proc:ro",
                "-v",
                "/var/run/docker.sock:/var/run/docker.sock",
                "-v",
                plugins + ":/var/run/scope/plugins",
                "-v",
                tokenFile + ":/run/secrets/scope-token:ro",
                probeImage,
                "--service-url=" + base);

        String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        String node = host + ";<host>";
        HttpResponse<String> answer = awaitMap(
                base + "/api/app/" + org + "/api/topology/hosts/"
                        + URLEncoder.encode(node, StandardCharsets.UTF_8).replace("+", "%20"),
                token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        // JSON escapes '<' and '>' as Scope's app (Go) does
        assertThat(answer.body()).contains("\"id\":\"" + host + ";\\u003chost\\u003e\"");

        String args = Podman.ok("inspect", "--format", "{{json .Args}}", PROBE);
        assertThat(args).doesNotContain(token);
        Command status = Podman.run("healthcheck", "run", PROBE);
        assertThat(status.exit())
                .as("the probe's health check: " + status.output())
                .isZero();
    }

    @Test
    void onADebianHostWithoutJavaTheServedInstallerSaysWhatItNeedsAndInstallsJavaOnlyWhenAsked() throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(BASE_URL + "/install.sh"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        Path script = work.resolve("install.sh");
        Files.writeString(script, served.body());

        // a Debian host (the images' base: apt-get, curl) with Java's package purged, with no network
        // at all: the script stops before any download, and apt-get cannot reach a mirror
        String host =
                "dpkg --purge --force-depends openjdk-17-jre-headless >/dev/null; sh /install.sh --service-token=t0ken \"$@\"; rc=$?;"
                        + " ls /usr/local/lib/scope-cloud /usr/local/bin/scope 2>/dev/null; exit $rc";
        Command refused = Podman.run(
                "run", "--rm", "--network=none", "-v", script + ":/install.sh:ro", baseImage, "sh", "-c", host, "sh");
        assertThat(refused.exit()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output())
                .contains("the probe needs Java 17 or newer, and this host has none")
                .contains("apt-get install openjdk-17-jre-headless")
                .contains("--install-java")
                .doesNotContain("scope-cloud");

        Command asked = Podman.run(
                "run",
                "--rm",
                "--network=none",
                "-v",
                script + ":/install.sh:ro",
                baseImage,
                "sh",
                "-c",
                host,
                "sh",
                "--install-java");
        assertThat(asked.exit()).as(asked.output()).isNotZero();
        assertThat(asked.output())
                .contains("Java 17 or newer is missing: installing the distribution's Java 17 runtime")
                // Debian's apt-get itself, which finds no mirror without a network
                .contains("Failed to fetch http://deb.debian.org/debian")
                .contains("E: Package 'openjdk-17-jre-headless' has no installation candidate")
                .doesNotContain("installed the probe");
    }

    private static HttpResponse<String> awaitMap(String url, String token) throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        HttpResponse<String> answer;
        do {
            answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return answer;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the probe's host is not on the map: " + answer.statusCode() + " " + answer.body()
                + "\nprobe:\n" + Podman.run("logs", PROBE).output());
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertThat(m.find()).as(pattern + " in\n" + text).isTrue();
        return m.group(1);
    }
}
