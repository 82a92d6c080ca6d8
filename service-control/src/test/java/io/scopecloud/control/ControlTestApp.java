package io.scopecloud.control;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import io.scopecloud.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/** One running control service (a {@link ControlApplication}) on a test database. */
final class ControlTestApp implements AutoCloseable {
    private final DropwizardTestSupport<ControlConfiguration> support;

    private ControlTestApp(DropwizardTestSupport<ControlConfiguration> support) {
        this.support = support;
    }

    static ControlTestApp start(TestDatabase db, ConfigOverride... overrides) {
        List<ConfigOverride> all = new ArrayList<>(List.of(
                ConfigOverride.config("database.url", db.jdbcUrl()),
                ConfigOverride.config("database.user", db.user()),
                ConfigOverride.config("database.password", db.password())));
        all.addAll(List.of(overrides));
        DropwizardTestSupport<ControlConfiguration> support = new DropwizardTestSupport<>(
                ControlApplication.class,
                ResourceHelpers.resourceFilePath("control-it.yml"),
                all.toArray(ConfigOverride[]::new));
        try {
            support.before();
        } catch (Exception e) {
            throw new IllegalStateException("control service did not start", e);
        }
        return new ControlTestApp(support);
    }

    int port() {
        return support.getLocalPort();
    }

    /** The service's meter registry, the one its operator's {@code /metrics} serves. */
    io.micrometer.core.instrument.MeterRegistry meters() {
        return io.scopecloud.ops.Meters.of(support.getEnvironment());
    }

    String base() {
        return "http://localhost:" + port();
    }

    /** Dropwizard's health checks of this instance, as JSON text. */
    String healthChecks() {
        return UiClient.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://localhost:" + support.getAdminPort() + "/admin/healthcheck"))
                        .build())
                .body();
    }

    /** Waits until this instance hears the probe registry's notices (it then remembers where probes are). */
    void awaitHearingRegistryNotices() throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (!healthChecks().contains("hearing the registry's notices\"")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not hearing the registry's notices: " + healthChecks());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        support.after();
    }
}
