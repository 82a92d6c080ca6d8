package io.scopecloud.tenancy;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import io.scopecloud.ops.OpsFactory;
import io.scopecloud.ops.OpsSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The sections every service's configuration has: {@code database} (PostgreSQL), {@code tenancy}
 * and {@code ops} (the public connector's slow-body check). Each service adds its own sections to
 * this.
 */
public abstract class TenancyConfiguration extends Configuration implements TenancySettings, OpsSettings {
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
    private OpsFactory ops = new OpsFactory();

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

    @Override
    public OpsFactory getOps() {
        return ops;
    }
}
