package io.scopecloud.control;

import io.dropwizard.db.DataSourceFactory;

/** What a service's configuration must offer for the {@link ControlBundle}. */
public interface ControlSettings {
    DataSourceFactory getDatabase();

    ControlFactory getControl();
}
