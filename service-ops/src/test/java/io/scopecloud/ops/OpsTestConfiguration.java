package io.scopecloud.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Dropwizard's configuration with the {@code ops} section, as the services' configurations have it. */
public class OpsTestConfiguration extends Configuration implements OpsSettings {
    @Valid
    @NotNull
    @JsonProperty
    private OpsFactory ops = new OpsFactory();

    @Override
    public OpsFactory getOps() {
        return ops;
    }
}
