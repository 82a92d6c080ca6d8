package io.scopecloud.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Why no configuration sets Jetty's own {@code minRequestDataPerSecond}: it measures from the
 * application's first read, so a body long arrived is answered 408 when the server pauses between
 * two reads ({@code jetty-data-rate.yml}: Jetty's check at 1 KiB/s, the guard off). If this starts
 * to fail, Jetty has changed its check.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JettyDataRateTest {
    private static final DropwizardAppExtension<OpsTestConfiguration> APP =
            new DropwizardAppExtension<>(OpsTestApp.class, ResourceHelpers.resourceFilePath("jetty-data-rate.yml"));

    @Test
    void jettysCheckAnswers408ToASmallBodyTheServerReadsWithAPause() throws Exception {
        assertThat(SlowBodyGuardTest.post(APP.getLocalPort(), "/pausing-reader/300", SlowBodyGuardTest.BODY, 0))
                .startsWith("HTTP/1.1 408")
                .contains("Request content data rate < 1024 B/s");
    }
}
