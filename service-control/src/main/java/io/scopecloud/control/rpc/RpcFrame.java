package io.scopecloud.control.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigInteger;

/**
 * One TEXT frame of Scope's control websocket (scope-contract §3): Go {@code net/rpc} over a JSON
 * codec, each message being two frames, a header then a body, each the object
 * {@code {"Request":…,"Response":…,"Value":…}} with the unused keys {@code null}. The service is
 * the RPC client (it writes request headers and bodies); the probe is the server.
 */
public sealed interface RpcFrame {
    /** The only method Scope's probes serve. */
    String METHOD = "control.Handle";

    /** {@code {"Request":{"ServiceMethod":m,"Seq":n},"Response":null,"Value":null}}. Seq is a uint64. */
    record RequestHeader(String serviceMethod, long seq) implements RpcFrame {}

    /** {@code {"Request":null,"Response":{"ServiceMethod":m,"Seq":n,"Error":e},"Value":null}}. */
    record ResponseHeader(String serviceMethod, long seq, String error) implements RpcFrame {}

    /** {@code {"Request":null,"Response":null,"Value":v}}: what follows a header. */
    record Body(JsonNode value) implements RpcFrame {}

    /** The header frame of call {@code seq}, exactly as Go writes it. */
    static String requestHeader(long seq) {
        return "{\"Request\":{\"ServiceMethod\":\"" + METHOD + "\",\"Seq\":" + Long.toUnsignedString(seq)
                + "},\"Response\":null,\"Value\":null}";
    }

    /** The body frame carrying {@code request}, exactly as Go writes it. */
    static String requestBody(ControlRequest request) {
        try {
            return "{\"Request\":null,\"Response\":null,\"Value\":"
                    + GoJson.mapper().writeValueAsString(request) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a control request", e);
        }
    }

    /**
     * Parses one frame. A frame whose {@code Request} is an object is a request header, one whose
     * {@code Response} is an object a response header, anything else a body.
     *
     * @throws MalformedFrameException if the text is not such an object
     */
    static RpcFrame parse(String text) {
        JsonNode node;
        try {
            node = GoJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedFrameException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedFrameException("not a JSON object");
        }
        JsonNode request = node.get("Request");
        if (request != null && request.isObject()) {
            return new RequestHeader(request.path("ServiceMethod").asText(""), seq(request.get("Seq")));
        }
        JsonNode response = node.get("Response");
        if (response != null && response.isObject()) {
            JsonNode error = response.get("Error");
            return new ResponseHeader(
                    response.path("ServiceMethod").asText(""),
                    seq(response.get("Seq")),
                    error == null || error.isNull() ? "" : error.asText());
        }
        JsonNode value = node.get("Value");
        return new Body(value == null ? NullNode.getInstance() : value);
    }

    private static long seq(JsonNode seq) {
        if (seq == null || !seq.isIntegralNumber()) {
            throw new MalformedFrameException("header without an integer Seq");
        }
        BigInteger value = seq.bigIntegerValue();
        if (value.signum() < 0 || value.bitLength() > 64) {
            throw new MalformedFrameException("Seq is not a uint64: " + value);
        }
        return value.longValue(); // a uint64 kept bit for bit
    }

    /** A frame that is not Scope's RPC framing; the connection it came on cannot be trusted further. */
    final class MalformedFrameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedFrameException(String message) {
            super("malformed control frame: " + message);
        }
    }
}
