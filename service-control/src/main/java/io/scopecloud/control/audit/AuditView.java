package io.scopecloud.control.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An audit log entry as the API lists it. */
public record AuditView(
        @JsonProperty("id") long id,
        @JsonProperty("at") String at,
        @JsonProperty("actor") String actor,
        @JsonProperty("userId") @Nullable UUID userId,
        @JsonProperty("probeId") String probeId,
        @JsonProperty("nodeId") String nodeId,
        @JsonProperty("control") String control,
        @JsonProperty("args") @Nullable Map<String, String> args,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("error") @Nullable String error,
        @JsonProperty("durationMs") int durationMs) {}
