package io.scopecloud.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ControlFactoryTest {
    private final YamlConfigurationFactory<ControlFactory> yaml = new YamlConfigurationFactory<>(
            ControlFactory.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void defaultsAreScopesTimings() throws Exception {
        ControlFactory defaults = yaml.build();
        assertThat(defaults.getAdvertisedUrl()).isNull();
        assertThat(defaults.getInternalSecret()).isNull();
        assertThat(defaults.getCallTimeout()).isEqualTo(Duration.seconds(10));
        assertThat(defaults.getPingInterval()).isEqualTo(Duration.milliseconds(33_333));
        assertThat(defaults.getPongTimeout()).isEqualTo(Duration.seconds(60));
        assertThat(defaults.getHeartbeatInterval()).isEqualTo(Duration.seconds(10));
        assertThat(defaults.getInstanceExpiry()).isEqualTo(Duration.seconds(30));
        assertThat(defaults.getPipeGcInterval()).isEqualTo(Duration.seconds(30));
        assertThat(defaults.getPipeIdleTimeout()).isEqualTo(Duration.minutes(1));
        assertThat(defaults.getPipeTombstone()).isEqualTo(Duration.minutes(10));
        assertThat(defaults.getForwardConnectTimeout()).isEqualTo(Duration.seconds(2));
        assertThat(defaults.getMaxArgsSize()).isEqualTo(DataSize.kibibytes(64));
        assertThat(defaults.getMaxMessageSize()).isEqualTo(DataSize.mebibytes(16));
    }

    @Test
    void readsEveryKey() throws Exception {
        ControlFactory read = yaml.build(new ResourceConfigurationSourceProvider(), "control-all-keys.yml");
        assertThat(read.getAdvertisedUrl()).isEqualTo(URI.create("http://10.0.0.5:8080"));
        assertThat(read.getInternalSecret()).isEqualTo("shared");
        assertThat(read.getCallTimeout()).isEqualTo(Duration.seconds(5));
        assertThat(read.getPingInterval()).isEqualTo(Duration.seconds(20));
        assertThat(read.getPongTimeout()).isEqualTo(Duration.seconds(45));
        assertThat(read.getHeartbeatInterval()).isEqualTo(Duration.seconds(3));
        assertThat(read.getInstanceExpiry()).isEqualTo(Duration.seconds(9));
        assertThat(read.getPipeGcInterval()).isEqualTo(Duration.seconds(15));
        assertThat(read.getPipeIdleTimeout()).isEqualTo(Duration.seconds(90));
        assertThat(read.getPipeTombstone()).isEqualTo(Duration.minutes(5));
        assertThat(read.getForwardConnectTimeout()).isEqualTo(Duration.seconds(1));
        assertThat(read.getMaxArgsSize()).isEqualTo(DataSize.kibibytes(8));
        assertThat(read.getMaxMessageSize()).isEqualTo(DataSize.mebibytes(4));
    }

    @Test
    void refusesAPongTimeoutShorterThanThePingInterval() {
        assertThatThrownBy(() -> yaml.build(new ResourceConfigurationSourceProvider(), "control-bad-keepalive.yml"))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("pongTimeout");
    }
}
