package io.scopecloud.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class NoSecretsInLogsTest {
    private final LoggerContext context = new LoggerContext();
    private final NoSecretsInLogs filter = new NoSecretsInLogs();

    @Test
    void wireLoggersStayAtInfoWhateverTheirLevel() {
        assertThat(decide("org.eclipse.jetty.server.internal.HttpConnection", Level.DEBUG))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("org.postgresql.core.v3.QueryExecutorImpl", Level.TRACE))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("org.glassfish.jersey.logging.LoggingFeature", Level.DEBUG))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("kafka", Level.DEBUG)).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.eclipse.jetty.server.Server", Level.WARN)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void othersAreLeftToTheirLevel() {
        assertThat(decide("io.scopecloud.query.window.ReportConsumer", Level.DEBUG))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("kafkaesque.Thing", Level.DEBUG)).isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply decide(String name, Level level) {
        Logger logger = context.getLogger(name);
        return filter.decide(null, logger, level, "{}", new Object[] {"body"}, null);
    }
}
