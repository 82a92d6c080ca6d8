package io.scopecloud.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.db.DataSourceFactory;
import org.junit.jupiter.api.Test;

class StandaloneConfigurationTest {
    @Test
    void keepsTwoDatabaseConnectionsOpenWhenIdleAndGrowsOnDemand() {
        DataSourceFactory database = new StandaloneConfiguration().getDatabase();

        assertThat(database.getInitialSize()).isEqualTo(2);
        assertThat(database.getMinSize()).isEqualTo(2);
        assertThat(database.getMaxSize()).isGreaterThan(database.getMinSize());
    }
}
