package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The penetration test turned Jetty's logging to DEBUG and found a signing-in person's password in
 * the log. With every logger at DEBUG, as an operator may set them on the admin port, nothing that
 * a person or a probe sends as a secret reaches any appender.
 */
class NoSecretsInLogsIT {
    private static final List<String> LOGGERS = List.of(
            Logger.ROOT_LOGGER_NAME,
            "org.eclipse.jetty",
            "org.glassfish.jersey",
            "org.postgresql",
            "org.apache.kafka",
            "io.scopecloud",
            "io.dropwizard");

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void debugEverywherePrintsNoPasswordAndNoToken() throws Exception {
        try (StandaloneTestApp app = StandaloneTestApp.builder().start()) {
            ServiceClient client = app.client();
            String password = "Correct-Horse-" + System.nanoTime();
            ServiceClient.Person owner = client.signUp("logs-" + System.nanoTime() + "@example.com", password, "Logs");

            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            Map<String, Level> levels = new HashMap<>();
            LOGGERS.forEach(name -> levels.put(name, context.getLogger(name).getLevel()));
            List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                appenders.add(it.next());
            }
            ListAppender<ILoggingEvent> captured = new ListAppender<>();
            captured.setContext(context);
            captured.start();
            String token;
            try {
                appenders.forEach(root::detachAppender);
                root.addAppender(captured);
                for (String name : LOGGERS) {
                    assertThat(setLevel(app.adminPort(), name, "DEBUG")).isEqualTo(200);
                    assertThat(context.getLogger(name).getEffectiveLevel()).isEqualTo(Level.DEBUG);
                }

                assertThat(signIn(app, owner.email(), password)).isEqualTo(200);
                assertThat(signIn(app, owner.email(), password + "-wrong")).isEqualTo(401);
                token = client.createToken(owner, "logged?");
                byte[] report = ServiceClient.gzip(ReportSliceIT.fixture("report-004.json"));
                assertThat(client.postReport(token, "application/json", "gzip", report)
                                .statusCode())
                        .isEqualTo(200);
                LoggerFactory.getLogger(NoSecretsInLogsIT.class).debug("marker: debug events reach the appender");
            } finally {
                root.detachAppender(captured);
                appenders.forEach(root::addAppender);
                levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
            }

            List<ILoggingEvent> events = List.copyOf(captured.list);
            assertThat(events).anyMatch(e -> e.getFormattedMessage().startsWith("marker: "));
            for (ILoggingEvent event : events) {
                String text = event.getLoggerName() + " " + event.getFormattedMessage() + " "
                        + throwableText(event.getThrowableProxy());
                assertThat(text).doesNotContain(password).doesNotContain(token);
            }
        }
    }

    private int setLevel(int adminPort, String logger, String level) throws Exception {
        String form = "logger=" + URLEncoder.encode(logger, StandardCharsets.UTF_8) + "&level=" + level;
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/tasks/log-level"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private int signIn(StandaloneTestApp app, String email, String password) throws Exception {
        String body = ServiceClient.json(Map.of("email", email, "password", password));
        return http.send(
                        HttpRequest.newBuilder(URI.create(app.baseUri() + "/api/login"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String throwableText(IThrowableProxy proxy) {
        StringBuilder text = new StringBuilder();
        for (IThrowableProxy p = proxy; p != null; p = p.getCause()) {
            text.append(p.getClassName()).append(": ").append(p.getMessage()).append(' ');
        }
        return text.toString();
    }
}
