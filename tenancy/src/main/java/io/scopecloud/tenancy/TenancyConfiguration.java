package io.scopecloud.tenancy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The sections every service's configuration has: {@code database} (PostgreSQL) and
 * {@code tenancy}. Each service adds its own sections to this.
 */
public abstract class TenancyConfiguration extends Configuration implements TenancySettings {
    @Valid
    @NotNull
    @JsonProperty
    private DataSourceFactory database = new DataSourceFactory();

    @Valid
    @NotNull
    @JsonProperty
    private TenancyFactory tenancy = new TenancyFactory();

    @Override
    public DataSourceFactory getDatabase() {
        return database;
    }

    /** For configurations whose database has other defaults (the standalone's embedded one). */
    protected void setDatabase(DataSourceFactory database) {
        this.database = requireNonNull(database, "database is null");
    }

    @Override
    public TenancyFactory getTenancy() {
        return tenancy;
    }
}
