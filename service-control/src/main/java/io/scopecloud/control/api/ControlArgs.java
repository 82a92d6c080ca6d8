package io.scopecloud.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The optional body of a control call: a JSON object of strings, which becomes {@code ControlArgs}
 * (scope-contract §3). An empty body means no arguments ({@code null}, as Scope sends).
 */
final class ControlArgs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ControlArgs() {}

    static @Nullable Map<String, String> read(@Nullable InputStream body, int maxBytes) {
        if (body == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBytes) {
            throw new WebApplicationException(
                    "control arguments are limited to " + maxBytes + " bytes",
                    Response.Status.REQUEST_ENTITY_TOO_LARGE);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8));
    }

    static @Nullable Map<String, String> parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("control arguments are not JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new BadRequestException("control arguments must be a JSON object of strings");
        }
        Map<String, String> args = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!field.getValue().isTextual()) {
                throw new BadRequestException("control argument " + field.getKey() + " must be a string");
            }
            args.put(field.getKey(), field.getValue().asText());
        }
        return args;
    }
}
