package io.scopecloud.probe.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlRegistryTest {

    @Test
    void runsRegisteredHandlersAndRefusesUnknownControls() {
        ControlRegistry registry = new ControlRegistry();
        registry.register("host_exec", request -> new ControlResponse(null, null, "pipe-1", true, null, null));

        assertThat(registry.handle(new ControlRequest("", "vm;<host>", "host_exec", null))
                        .toJson()
                        .toString())
                .isEqualTo("{\"pipe\":\"pipe-1\",\"raw_tty\":true}");
        assertThat(registry.handle(new ControlRequest("", "n", "x", null))
                        .toJson()
                        .toString())
                .isEqualTo("{\"error\":\"Control \\\"x\\\" not recognised\"}");
    }

    @Test
    void swapsControlSetsInOneStep() {
        ControlRegistry registry = new ControlRegistry();
        registry.register("p~a", request -> ControlResponse.empty());

        registry.replace(List.of("p~a"), Map.of("p~b", request -> ControlResponse.empty()));

        assertThat(registry.contains("p~a")).isFalse();
        assertThat(registry.contains("p~b")).isTrue();
    }

    @Test
    void turnsAThrowingHandlerIntoAnError() {
        ControlRegistry registry = new ControlRegistry();
        registry.register("boom", request -> {
            throw new IllegalStateException("kaput");
        });

        assertThat(registry.handle(new ControlRequest("", "n", "boom", null)).error())
                .contains("kaput");
    }

    @Test
    void quotesLikeGo() {
        assertThat(ControlRegistry.goQuote("a\"b\\c\n")).isEqualTo("\"a\\\"b\\\\c\\n\"");
    }
}
