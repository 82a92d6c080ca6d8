package io.scopecloud.control.routing;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A control call forwarded to the instance that holds the probe (internal API, versioned). */
public record InternalCall(
        @JsonProperty("version") int version,
        @JsonProperty("nodeId") String nodeId,
        @JsonProperty("control") String control,
        @JsonProperty("args") @Nullable Map<String, String> args,
        @JsonProperty("timeoutMs") long timeoutMs) {

    public static final int VERSION = 1;

    public InternalCall {
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(control, "control is null");
    }
}
