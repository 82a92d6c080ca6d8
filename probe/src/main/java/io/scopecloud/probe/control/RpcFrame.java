package io.scopecloud.probe.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One TEXT frame of Scope's control websocket: Go {@code net/rpc} messages in a JSON codec, each
 * message being two frames, a header then a body, each the object
 * {@code {"Request":…,"Response":…,"Value":…}} with the unused keys {@code null}
 * (scope-contract §3). The app is the RPC client and the probe the server.
 */
public sealed interface RpcFrame {
    ObjectMapper JSON = new ObjectMapper();

    /** The method the app always calls. */
    String METHOD = "control.Handle";

    /** {@code {"Request":{"ServiceMethod":m,"Seq":n},…}}: a call is starting. Seq is a uint64. */
    record RequestHeader(String serviceMethod, long seq) implements RpcFrame {}

    /** {@code {"Response":{"ServiceMethod":m,"Seq":n,"Error":e},…}}: an answer is starting. */
    record ResponseHeader(String serviceMethod, long seq, String error) implements RpcFrame {}

    /** {@code {"Value":v,…}}: the argument or result that follows a header. */
    record Body(JsonNode value) implements RpcFrame {}

    /** Parses one frame. */
    static RpcFrame parse(String text) throws JsonProcessingException {
        JsonNode node = JSON.readTree(text);
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("RPC frame is not a JSON object");
        }
        JsonNode request = node.get("Request");
        if (request != null && request.isObject()) {
            return new RequestHeader(request.path("ServiceMethod").asText(""), seq(request.get("Seq")));
        }
        JsonNode response = node.get("Response");
        if (response != null && response.isObject()) {
            return new ResponseHeader(
                    response.path("ServiceMethod").asText(""),
                    seq(response.get("Seq")),
                    response.path("Error").asText(""));
        }
        JsonNode value = node.get("Value");
        return new Body(value == null ? JsonNodeFactory.instance.nullNode() : value);
    }

    /** Writes this frame exactly as Go's codec does, keys in struct order. */
    default String toJson() {
        ObjectNode node = JSON.createObjectNode();
        if (this instanceof RequestHeader header) {
            ObjectNode request = node.putObject("Request");
            request.put("ServiceMethod", header.serviceMethod());
            request.put("Seq", unsigned(header.seq()));
            node.putNull("Response");
            node.putNull("Value");
        } else if (this instanceof ResponseHeader header) {
            node.putNull("Request");
            ObjectNode response = node.putObject("Response");
            response.put("ServiceMethod", header.serviceMethod());
            response.put("Seq", unsigned(header.seq()));
            response.put("Error", header.error());
            node.putNull("Value");
        } else {
            node.putNull("Request");
            node.putNull("Response");
            node.set("Value", ((Body) this).value());
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seq(JsonNode seq) {
        if (seq == null || !seq.isIntegralNumber()) {
            throw new IllegalArgumentException("RPC header has no integer Seq");
        }
        return seq.bigIntegerValue().longValue(); // uint64 kept bit-for-bit
    }

    private static java.math.BigInteger unsigned(long seq) {
        return new java.math.BigInteger(Long.toUnsignedString(seq));
    }
}
