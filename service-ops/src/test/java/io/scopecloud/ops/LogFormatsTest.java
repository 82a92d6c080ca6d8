package io.scopecloud.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * {@code SCOPE_CLOUD_LOG_FORMAT} names a layout type in the configuration: both {@code text}
 * (ours) and {@code json} (Dropwizard's) are discoverable there.
 */
class LogFormatsTest {
    @Test
    void textAndJsonAreLayoutTypes() {
        assertThat(ServiceLoader.load(DiscoverableLayoutFactory.class).stream()
                        .map(provider -> provider.type().getAnnotation(JsonTypeName.class))
                        .filter(name -> name != null)
                        .map(JsonTypeName::value))
                .contains("text", "json");
    }
}
