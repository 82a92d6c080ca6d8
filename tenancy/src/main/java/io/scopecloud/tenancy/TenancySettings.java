package io.scopecloud.tenancy;

import io.dropwizard.db.DataSourceFactory;

/** What a service's configuration must offer for the {@link TenancyBundle}. */
public interface TenancySettings {
    DataSourceFactory getDatabase();

    TenancyFactory getTenancy();
}
