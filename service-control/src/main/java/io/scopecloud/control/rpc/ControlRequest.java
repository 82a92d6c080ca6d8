package io.scopecloud.control.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A control invocation as the app sends it to a probe (GoCase keys, scope-contract §3). The probe
 * fills in {@code AppID}; {@code ControlArgs} is {@code null} when the UI sent no body, as in Go.
 */
@JsonPropertyOrder({"AppID", "NodeID", "Control", "ControlArgs"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ControlRequest(
        @JsonProperty("AppID") String appId,
        @JsonProperty("NodeID") String nodeId,
        @JsonProperty("Control") String control,
        @JsonProperty("ControlArgs") @Nullable Map<String, String> controlArgs) {

    public ControlRequest {
        requireNonNull(appId, "appId is null");
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(control, "control is null");
        // Go writes map keys sorted.
        controlArgs = controlArgs == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(controlArgs));
    }

    public static ControlRequest of(String nodeId, String control, @Nullable Map<String, String> args) {
        return new ControlRequest("", nodeId, control, args);
    }
}
