package io.scopecloud.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.scopecloud.tenancy.TenancyFactory;
import io.scopecloud.tenancy.TenancySettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The control service run on its own (production): an external PostgreSQL. */
public class ControlConfiguration extends Configuration implements TenancySettings, ControlSettings {
    @Valid
    @NotNull
    @JsonProperty
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty
    private TenancyFactory tenancy = new TenancyFactory();

    @Valid
    @NotNull
    @JsonProperty
    private ControlFactory control = new ControlFactory();

    @Override
    public DataSourceFactory getDatabase() {
        return database;
    }

    @Override
    public TenancyFactory getTenancy() {
        return tenancy;
    }

    @Override
    public ControlFactory getControl() {
        return control;
    }
}
