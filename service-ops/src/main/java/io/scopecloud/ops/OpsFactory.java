package io.scopecloud.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code ops} section of every service's configuration: how the public connector treats a
 * slow request body ({@link SlowBodyGuard}).
 */
public class OpsFactory {
    /**
     * The pace, per second, a request body must keep while the server waits for it; {@code 0}
     * turns the check off. Only the time spent waiting for bytes not yet sent counts.
     */
    @NotNull
    @JsonProperty
    private DataSize minRequestBodyRate = DataSize.kibibytes(1);

    public DataSize getMinRequestBodyRate() {
        return minRequestBodyRate;
    }
}
