package io.scopecloud.probe.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class RpcFrameTest {

    @Test
    void writesScopesResponseFramesExactly() {
        assertThat(new RpcFrame.ResponseHeader("control.Handle", 7, "").toJson())
                .isEqualTo(
                        "{\"Request\":null,\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":7,\"Error\":\"\"},"
                                + "\"Value\":null}");
        assertThat(new RpcFrame.Body(JsonNodeFactory.instance.objectNode().put("removedNode", "abc;<container>"))
                        .toJson())
                .isEqualTo("{\"Request\":null,\"Response\":null,\"Value\":{\"removedNode\":\"abc;<container>\"}}");
        assertThat(new RpcFrame.RequestHeader("control.Handle", 0).toJson())
                .isEqualTo(
                        "{\"Request\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":0},\"Response\":null,\"Value\":null}");
    }

    @Test
    void readsScopesRequestFrames() throws Exception {
        assertThat(
                        RpcFrame.parse(
                                "{\"Request\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":7},\"Response\":null,\"Value\":null}"))
                .isEqualTo(new RpcFrame.RequestHeader("control.Handle", 7));
        RpcFrame body = RpcFrame.parse("{\"Request\":null,\"Response\":null,\"Value\":{\"AppID\":\"\",\"NodeID\":"
                + "\"abc;<container>\",\"Control\":\"docker_stop_container\",\"ControlArgs\":null}}");
        assertThat(body).isInstanceOf(RpcFrame.Body.class);
        assertThat(((RpcFrame.Body) body).value().get("Control").asText()).isEqualTo("docker_stop_container");
    }

    @Test
    void keepsUint64SequenceNumbersBitForBit() throws Exception {
        RpcFrame frame =
                RpcFrame.parse("{\"Request\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":18446744073709551615}}");
        long seq = ((RpcFrame.RequestHeader) frame).seq();
        assertThat(new RpcFrame.ResponseHeader("control.Handle", seq, "").toJson())
                .contains("\"Seq\":18446744073709551615");
    }
}
