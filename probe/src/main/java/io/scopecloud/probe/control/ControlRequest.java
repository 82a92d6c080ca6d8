package io.scopecloud.probe.control;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A control invocation as the app sends it (GoCase keys, scope-contract §3). {@code ControlArgs}
 * may be null, and is written as {@code null} then, as Go does.
 */
@JsonPropertyOrder({"AppID", "NodeID", "Control", "ControlArgs"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ControlRequest(
        @JsonProperty("AppID") String appId,
        @JsonProperty("NodeID") String nodeId,
        @JsonProperty("Control") String control,
        @JsonProperty("ControlArgs") Map<String, String> controlArgs) {

    @JsonCreator
    public ControlRequest {
        appId = appId == null ? "" : appId;
        nodeId = nodeId == null ? "" : nodeId;
        requireNonNull(control, "control is null");
    }

    /** The same request for another control id (plugins get their own name back, unprefixed). */
    public ControlRequest withControl(String newControl) {
        return new ControlRequest(appId, nodeId, newControl, controlArgs);
    }

    public ControlRequest withAppId(String newAppId) {
        return new ControlRequest(newAppId, nodeId, control, controlArgs);
    }
}
