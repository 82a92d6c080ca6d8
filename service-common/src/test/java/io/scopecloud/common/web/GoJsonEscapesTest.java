package io.scopecloud.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoJsonEscapesTest {
    @Test
    void escapesAsGoDoes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        GoJsonEscapes.install(json);

        String written = json.writeValueAsString(Map.of("cmd", "a<b>&c\u2028d\u2029é\"\n"));

        assertThat(written).isEqualTo("{\"cmd\":\"a\\u003cb\\u003e\\u0026c\\u2028d\\u2029é\\\"\\n\"}");
        assertThat(json.readTree(written).get("cmd").asText()).isEqualTo("a<b>&c\u2028d\u2029é\"\n");
        assertThat(json.writeValueAsBytes(Map.of("k", "<"))).asString().isEqualTo("{\"k\":\"\\u003c\"}");
    }
}
