package io.scopecloud.ops;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.util.TimeZone;

/**
 * {@code layout: {type: text}}: one line per event for people, the counterpart of
 * {@code type: json} (Dropwizard's JSON layout) so that {@code SCOPE_CLOUD_LOG_FORMAT} can pick
 * either in the configuration. A stack trace stays on the event's line, its frames separated by
 * {@code " | "}, so a log shipper never splits an event.
 */
@JsonTypeName("text")
public final class TextLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {
    static final String DEFAULT_PATTERN =
            "%-5level %d{ISO8601,UTC} [%thread] %logger{0}: %msg%replace(%n%ex{30}){'[\\r\\n\\t]+(?=.)', ' | '}%nopex";

    @JsonProperty
    private String pattern = DEFAULT_PATTERN;

    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        DropwizardLayout layout = new DropwizardLayout(context, timeZone);
        layout.setPattern(pattern);
        return layout;
    }
}
