package io.scopecloud.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scopecloud.tenancy.TenancyConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The control service run on its own (production): an external PostgreSQL. */
public class ControlConfiguration extends TenancyConfiguration implements ControlSettings {
    @Valid
    @NotNull
    @JsonProperty
    private ControlFactory control = new ControlFactory();

    @Override
    public ControlFactory getControl() {
        return control;
    }
}
