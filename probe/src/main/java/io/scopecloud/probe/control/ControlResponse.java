package io.scopecloud.probe.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A control's answer (scope-contract §3). Every field is omitted when empty, as Go's
 * {@code omitempty} does, so a plain success is {@code {}}. Failures go in {@code error}, never in
 * the RPC header.
 */
public record ControlResponse(
        JsonNode value, String error, String pipe, boolean rawTty, String resizeTtyControl, String removedNode) {

    private static final ControlResponse EMPTY = new ControlResponse(null, null, null, false, null, null);

    public static ControlResponse empty() {
        return EMPTY;
    }

    public static ControlResponse error(String message) {
        return new ControlResponse(null, message, null, false, null, null);
    }

    /** Reads the response fields of a JSON object; unknown keys (such as shortcutReport) are ignored. */
    public static ControlResponse fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            return EMPTY;
        }
        JsonNode value = node.get("value");
        return new ControlResponse(
                value == null || value.isNull() ? null : value,
                text(node, "error"),
                text(node, "pipe"),
                node.path("raw_tty").asBoolean(false),
                text(node, "resize_tty_control"),
                text(node, "removedNode"));
    }

    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (value != null) {
            node.set("value", value);
        }
        putIfPresent(node, "error", error);
        putIfPresent(node, "pipe", pipe);
        if (rawTty) {
            node.put("raw_tty", true);
        }
        putIfPresent(node, "resize_tty_control", resizeTtyControl);
        putIfPresent(node, "removedNode", removedNode);
        return node;
    }

    public boolean isError() {
        return error != null && !error.isEmpty();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }
}
