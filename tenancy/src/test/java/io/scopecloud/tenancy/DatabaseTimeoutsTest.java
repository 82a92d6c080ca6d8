package io.scopecloud.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.util.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every service's pool gets bounded waits even from a configuration that says nothing about them. */
class DatabaseTimeoutsTest {
    @Test
    void boundsAPoolConfiguredWithNothingButItsUrl() {
        DataSourceFactory database = new DataSourceFactory();
        new TenancyFactory().getDatabaseTimeouts().applyTo(database);

        assertThat(database.getMaxWaitForConnection()).isEqualTo(Duration.seconds(5));
        assertThat(database.getProperties())
                .containsEntry("connectTimeout", "5")
                .containsEntry("loginTimeout", "5")
                .containsEntry("socketTimeout", "30")
                .containsEntry("options", "-c statement_timeout=10000");
    }

    @Test
    void keepsWhatTheOperatorSetUnderDatabase() {
        DataSourceFactory database = new DataSourceFactory();
        database.setMaxWaitForConnection(Duration.seconds(1));
        database.setProperties(Map.of("socketTimeout", "120", "options", "-c statement_timeout=60000"));
        new DatabaseTimeouts().applyTo(database);

        assertThat(database.getMaxWaitForConnection()).isEqualTo(Duration.seconds(1));
        assertThat(database.getProperties())
                .containsEntry("socketTimeout", "120")
                .containsEntry("options", "-c statement_timeout=60000")
                .containsEntry("connectTimeout", "5");
    }
}
