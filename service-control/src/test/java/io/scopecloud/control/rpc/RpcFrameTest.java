package io.scopecloud.control.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scope's control framing, byte for byte as scope-contract §3 shows the exchange. */
class RpcFrameTest {
    private static final String HEADER_7 =
            "{\"Request\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":7},\"Response\":null,\"Value\":null}";

    @Test
    void writesTheRequestHeaderExactlyAsGoDoes() {
        assertThat(RpcFrame.requestHeader(7)).isEqualTo(HEADER_7);
    }

    @Test
    void writesTheRequestBodyWithGoCaseKeysInStructOrderAndGoEscapes() {
        String body = RpcFrame.requestBody(ControlRequest.of("abc;<container>", "docker_stop_container", null));
        assertThat(body)
                .isEqualTo("{\"Request\":null,\"Response\":null,\"Value\":{\"AppID\":\"\","
                        + "\"NodeID\":\"abc;\\u003ccontainer\\u003e\",\"Control\":\"docker_stop_container\","
                        + "\"ControlArgs\":null}}");
    }

    @Test
    void writesArgumentsSortedByKeyAsGoEncodesMaps() {
        String body = RpcFrame.requestBody(ControlRequest.of(
                "h;<host>", "host_resize_exec_tty", Map.of("width", "80", "pipeID", "pipe-1", "height", "24")));
        assertThat(body).contains("\"ControlArgs\":{\"height\":\"24\",\"pipeID\":\"pipe-1\",\"width\":\"80\"}");
    }

    @Test
    void readsTheProbesResponseHeaderAndBody() {
        RpcFrame header = RpcFrame.parse(
                "{\"Request\":null,\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":7,\"Error\":\"\"},"
                        + "\"Value\":null}");
        RpcFrame body =
                RpcFrame.parse("{\"Request\":null,\"Response\":null,\"Value\":{\"removedNode\":\"abc;<container>\"}}");

        assertThat(header).isEqualTo(new RpcFrame.ResponseHeader("control.Handle", 7, ""));
        assertThat(body).isInstanceOfSatisfying(RpcFrame.Body.class, b -> assertThat(
                        b.value().get("removedNode").asText())
                .isEqualTo("abc;<container>"));
    }

    @Test
    void readsItsOwnRequestHeaderBack() {
        assertThat(RpcFrame.parse(HEADER_7)).isEqualTo(new RpcFrame.RequestHeader("control.Handle", 7));
    }

    @Test
    void keepsUint64SequenceNumbersBitForBit() {
        String max = "18446744073709551615";
        assertThat(RpcFrame.requestHeader(-1L)).contains("\"Seq\":" + max + "}");
        RpcFrame parsed = RpcFrame.parse("{\"Request\":null,\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":"
                + max + ",\"Error\":\"\"},\"Value\":null}");
        assertThat(((RpcFrame.ResponseHeader) parsed).seq()).isEqualTo(-1L);
    }

    @Test
    void treatsAMissingErrorAsNoError() {
        RpcFrame parsed = RpcFrame.parse("{\"Response\":{\"ServiceMethod\":\"control.Handle\",\"Seq\":1}}");
        assertThat(parsed).isEqualTo(new RpcFrame.ResponseHeader("control.Handle", 1, ""));
    }

    @Test
    void readsAnRpcErrorFromTheHeader() {
        RpcFrame parsed = RpcFrame.parse("{\"Request\":null,\"Response\":{\"ServiceMethod\":\"x\",\"Seq\":2,"
                + "\"Error\":\"rpc: can't find service x\"},\"Value\":null}");
        assertThat(((RpcFrame.ResponseHeader) parsed).error()).isEqualTo("rpc: can't find service x");
    }

    @Test
    void rejectsFramesThatAreNotScopesFraming() {
        assertThatThrownBy(() -> RpcFrame.parse("not json")).isInstanceOf(RpcFrame.MalformedFrameException.class);
        assertThatThrownBy(() -> RpcFrame.parse("[1,2]")).isInstanceOf(RpcFrame.MalformedFrameException.class);
        assertThatThrownBy(() -> RpcFrame.parse("{\"Response\":{\"Seq\":\"seven\"}}"))
                .isInstanceOf(RpcFrame.MalformedFrameException.class);
        assertThatThrownBy(() -> RpcFrame.parse("{\"Response\":{\"Seq\":-1}}"))
                .isInstanceOf(RpcFrame.MalformedFrameException.class);
    }
}
