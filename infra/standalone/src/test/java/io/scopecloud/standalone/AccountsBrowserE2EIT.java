package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 21's walk through the account lifecycle in Debian's Chromium ({@code ui/e2e/accounts.mjs})
 * against the real standalone service: sign up, turn on two-factor, log out, forget the password,
 * open the link the service wrote to its log (this install has no SMTP server, so mails go to the
 * operator's log), reset the password, and sign in with it and a TOTP code.
 */
class AccountsBrowserE2EIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("e2e.chromium", "/usr/bin/chromium"));
    private static final Path UI = Path.of(System.getProperty("user.dir"), "..", "..", "ui")
            .toAbsolutePath()
            .normalize();
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/reset-password#\\S+)");

    private static StandaloneTestApp app;
    private static final ListAppender<ILoggingEvent> MAILS = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        app = StandaloneTestApp.builder().start();
        Logger mailer =
                ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("io.scopecloud.tenancy.mail.LogMailer");
        MAILS.start();
        mailer.addAppender(MAILS);
    }

    @AfterAll
    static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory())
                .getLogger("io.scopecloud.tenancy.mail.LogMailer")
                .detachAppender(MAILS);
        if (app != null) {
            app.close();
        }
    }

    @Test
    void forgotMailResetAndSignInWithTwoFactor() throws Exception {
        assertThat(Files.isExecutable(CHROMIUM))
                .as("the browser tests need Debian's Chromium at %s (.ci/test installs it)", CHROMIUM)
                .isTrue();
        assertThat(UI.resolve("node_modules/playwright-core"))
                .as("playwright-core is installed by the ui module's build: run ./mvnw install -pl ui first")
                .exists();
        Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder("node", "e2e/accounts.mjs")
                .directory(UI.toFile())
                .redirectErrorStream(true);
        pb.environment().put("BASE_URL", app.baseUri().toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        pb.environment().put("SCREENSHOTS", screenshots.toString());
        Process browser = pb.start();
        try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
                Writer in = new OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println(line);
                if (line.startsWith("@@mail ")) {
                    String link =
                            awaitResetLink(line.substring("@@mail ".length()).trim());
                    in.write("@@link " + link + "\n");
                    in.flush();
                }
            }
        } finally {
            if (!browser.waitFor(3, TimeUnit.MINUTES)) {
                browser.descendants().forEach(ProcessHandle::destroyForcibly);
                browser.destroyForcibly();
            }
        }
        assertThat(browser.exitValue())
                .as("the browser test failed (its log is above; screenshots in %s)", screenshots)
                .isZero();
        assertThat(screenshots.resolve("a6-signed-in.png")).exists();
    }

    /** The reset link the service logged for {@code email}, waiting up to 20 s. */
    private static String awaitResetLink(String email) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Optional<String> link = List.copyOf(MAILS.list).stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(email) && m.contains("Reset your Scope Cloud password"))
                    .map(LINK::matcher)
                    .filter(Matcher::find)
                    .map(m -> m.group(1))
                    .reduce((first, second) -> second);
            if (link.isPresent()) {
                return link.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no reset mail for " + email + " in the service's log within 20 s");
    }
}
