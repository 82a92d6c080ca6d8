package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The product as people use it, in Debian's Chromium driven by Playwright ({@code ui/e2e/run.mjs})
 * against the real standalone service on a real PostgreSQL and Kafka: sign up, copy the probe
 * token, the real probe connects with it ({@link RealProbe}: this host, its processes, the real
 * test plugin, and a real shell through {@code --probe.host-exec}), the host and its processes
 * appear on the map, node details, the plugin's control and its effect, a shell in the terminal,
 * a saved view opened by a teammate and refused to another org. Screenshots of the main screens
 * go to {@code target/screenshots}.
 */
class BrowserE2EIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    private static final Path UI = Path.of(System.getProperty("user.dir"), "..", "..", "ui")
            .toAbsolutePath()
            .normalize();
    private static final long TIMEOUT_MINUTES = 8;

    private static StandaloneTestApp app;

    @BeforeAll
    static void start() throws Exception {
        app = StandaloneTestApp.builder().partitions(3).realProbeLimits().start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void signUpConnectAProbeExploreTheMapRunAControlAndShareAView() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as(
                        "the browser tests need Debian's Chromium at %s: install it with `apt-get install -y chromium`"
                                + " (.ci/test does this on CI)",
                        CHROMIUM)
                .isTrue();
        assertThat(UI.resolve("node_modules/playwright-core"))
                .as("playwright-core is installed by the ui module's build: run ./mvnw install -pl ui first")
                .exists();
        String base = app.baseUri().toString();
        Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
        if (Files.isDirectory(screenshots)) {
            try (var old = Files.list(screenshots)) {
                for (Path p : old.filter(f -> f.toString().endsWith(".png")).toList()) {
                    Files.delete(p);
                }
            }
        }

        ProcessBuilder pb =
                new ProcessBuilder("node", "e2e/run.mjs").directory(UI.toFile()).redirectErrorStream(true);
        pb.environment().put("BASE_URL", base);
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        pb.environment().put("SCREENSHOTS", screenshots.toString());
        pb.environment().put("E2E_HARNESS", "1");
        Process browser = pb.start();

        List<String> skipped = new ArrayList<>();
        RealProbe probe = null;
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8)) {
            Watchdog.kill(browser, TIMEOUT_MINUTES);
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println(line);
                if (line.startsWith("@@token ")) {
                    // The real probe, started as the onboarding page says, with the token the browser copied.
                    probe = RealProbe.start(
                            app.baseUri(), line.substring("@@token ".length()).trim(), true);
                    System.out.println(
                            "BrowserE2EIT: the real probe " + probe.probeId() + " reports host " + probe.hostNodeId());
                    in.write("@@probe " + ServiceClient.json(Map.of("hostNode", probe.hostNodeId())) + "\n");
                    in.flush();
                } else if (line.startsWith("@@skipped ")) {
                    skipped.add(line.substring("@@skipped ".length()));
                }
            }
        } catch (AssertionError | Exception e) {
            browser.descendants().forEach(ProcessHandle::destroyForcibly);
            browser.destroyForcibly();
            throw e;
        } finally {
            if (probe != null) {
                System.out.println("BrowserE2EIT: " + probe);
                probe.close();
            }
        }
        assertThat(browser.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(browser.exitValue())
                .as("the browser test failed (its log is above; screenshots in %s)", screenshots)
                .isZero();
        // The standalone service runs every part the test covers: nothing may be skipped.
        assertThat(skipped).as("steps the browser test had to skip").isEmpty();
        for (String screen : List.of(
                "04-map-hosts",
                "05-map-processes",
                "07-node-details",
                "08-control-ran",
                "09-terminal",
                "15-second-user-view")) {
            assertThat(screenshots.resolve(screen + ".png"))
                    .as("the screenshot of a main screen")
                    .exists();
        }
    }

    /** Ends a browser run that hangs, so the build fails instead of waiting forever. */
    private static final class Watchdog {
        static void kill(Process p, long minutes) {
            Thread t = new Thread(
                    () -> {
                        try {
                            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                                System.out.println(
                                        "BrowserE2EIT: the browser test ran over " + minutes + " minutes; stopping it");
                                p.descendants().forEach(ProcessHandle::destroyForcibly);
                                p.destroyForcibly();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "e2e-watchdog");
            t.setDaemon(true);
            t.start();
        }
    }
}
