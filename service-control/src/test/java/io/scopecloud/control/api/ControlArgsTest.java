package io.scopecloud.control.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlArgsTest {
    @Test
    void readsAnObjectOfStringsAsTheResizeControlSendsIt() {
        assertThat(ControlArgs.parse("{\"pipeID\":\"pipe-1\",\"height\":\"24\",\"width\":\"80\"}"))
                .containsExactly(Map.entry("pipeID", "pipe-1"), Map.entry("height", "24"), Map.entry("width", "80"));
    }

    @Test
    void treatsAnEmptyBodyOrNullAsNoArguments() {
        assertThat(ControlArgs.parse("")).isNull();
        assertThat(ControlArgs.parse("  \n")).isNull();
        assertThat(ControlArgs.parse("null")).isNull();
        assertThat(ControlArgs.read(null, 10)).isNull();
    }

    @Test
    void refusesAnythingButAnObjectOfStrings() {
        assertThatThrownBy(() -> ControlArgs.parse("[1]")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> ControlArgs.parse("{\"a\":1}")).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> ControlArgs.parse("{\"a\":")).isInstanceOf(BadRequestException.class);
    }

    @Test
    void refusesABodyOverTheLimitWith413() {
        byte[] big = ("{\"a\":\"" + "x".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ControlArgs.read(new ByteArrayInputStream(big), 64))
                .isInstanceOfSatisfying(
                        WebApplicationException.class,
                        e -> assertThat(e.getResponse().getStatus()).isEqualTo(413));
    }
}
