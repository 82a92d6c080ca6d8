package io.scopecloud.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class TextLayoutFactoryTest {
    private final LoggerContext context = new LoggerContext();
    private final LayoutBase<ILoggingEvent> layout =
            new TextLayoutFactory().build(context, TimeZone.getTimeZone("UTC"));

    @Test
    void anEventIsOneLine() {
        layout.start();
        String line = layout.doLayout(event("probe connected", null));

        assertThat(line).endsWith("Probe: probe connected" + System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
    }

    @Test
    void aStackTraceStaysOnItsEventsLine() {
        layout.start();
        String line = layout.doLayout(event("failed", new IllegalStateException("broken")));

        assertThat(line).contains("failed | java.lang.IllegalStateException: broken | at ");
        assertThat(line.strip()).doesNotContain("\n").doesNotContain("\r");
        assertThat(line).endsWith(System.lineSeparator());
    }

    private LoggingEvent event(String message, Throwable error) {
        return new LoggingEvent(
                "fqcn", context.getLogger("io.scopecloud.Probe"), Level.WARN, message, error, new Object[0]);
    }
}
