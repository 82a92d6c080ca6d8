package io.scopecloud.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps the libraries that print what crosses the wire at INFO and above, whatever level an
 * operator sets: at DEBUG, Jetty logs request buffers (a sign-in's password), Jersey's logging
 * feature logs entities, pgjdbc logs statements with their parameters (token and password
 * hashes), the HTTP and mail clients log what they send (SMTP credentials). Installed on the
 * logger context once per JVM; {@code LoggerContext.reset()} (a logging reconfiguration) removes
 * it, which is why {@link OpsBundle} installs it after Dropwizard has configured logging.
 */
public final class NoSecretsInLogs extends TurboFilter {
    static final List<String> WIRE_LOGGERS = List.of(
            "org.eclipse.jetty",
            "org.glassfish.jersey",
            "io.dropwizard.jersey",
            "org.postgresql",
            "org.jdbi",
            "org.apache.kafka",
            "kafka",
            "org.eclipse.angus.mail",
            "jakarta.mail",
            "jdk.internal.httpclient",
            "java.net.http",
            "sun.net.www");

    /** Each logger's answer, asked at every debug check of a hot path (Jetty's), so worked out once per logger. */
    private final Map<String, Boolean> wireLoggers = new ConcurrentHashMap<>();

    public static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(NoSecretsInLogs.class::isInstance)) {
            NoSecretsInLogs filter = new NoSecretsInLogs();
            filter.setName("no-secrets-in-logs");
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || level.isGreaterOrEqual(Level.INFO) || logger == null) {
            return FilterReply.NEUTRAL;
        }
        return wireLoggers.computeIfAbsent(logger.getName(), NoSecretsInLogs::printsTheWire)
                ? FilterReply.DENY
                : FilterReply.NEUTRAL;
    }

    static boolean printsTheWire(String name) {
        for (String prefix : WIRE_LOGGERS) {
            if (name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.')) {
                return true;
            }
        }
        return false;
    }
}
